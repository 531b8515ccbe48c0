// The two body formats QuickBooks sends (see test-fixtures/qbo-webhooks): the legacy `eventNotifications`
// object, one notification per realm, and the CloudEvents array (mandatory for apps from mid-2026), one event
// per change. Both are triggers, not data: they name the entity and what happened, never its fields.
import { createHash, randomUUID } from "node:crypto";
import type { Change, WebhookFormat } from "../state";

export type RealmChange = { realmId: string; change: Change };

type LegacyEntity = { name: string; id: string; operation: string; lastUpdated: string; deletedId?: string };

export function legacyBody(changes: readonly RealmChange[]): string {
  const byRealm = new Map<string, LegacyEntity[]>();
  for (const { realmId, change } of changes) {
    const entities = byRealm.get(realmId) ?? byRealm.set(realmId, []).get(realmId)!;
    entities.push({
      name: change.entity,
      id: change.id,
      operation: change.operation,
      lastUpdated: new Date(change.at).toISOString(),
      ...(change.deletedId !== undefined ? { deletedId: change.deletedId } : {}),
    });
  }
  const eventNotifications = [...byRealm].map(([realmId, entities]) => ({ realmId, dataChangeEvent: { entities } }));
  return JSON.stringify({ eventNotifications });
}

const PAST_TENSE: Record<string, string> = { Create: "created", Update: "updated", Delete: "deleted", Merge: "merged", Void: "voided", Emailed: "emailed" };

/** `qbo.invoice.created.v1`. */
export function cloudEventType(entity: string, operation: string): string {
  return `qbo.${entity.toLowerCase()}.${PAST_TENSE[operation] ?? operation.toLowerCase()}.v1`;
}

/** Intuit's `source` looks like `intuit.` + a base64 digest per app; a hash of the client id is stable and opaque. */
export function cloudEventSource(clientId: string): string {
  return `intuit.${createHash("sha256").update(`qbo-sim:${clientId}`).digest("base64")}`;
}

/** Intuit's example carries nanoseconds (`2025-09-10T21:31:25.179851517Z`); so does the simulator, so receivers must parse them. */
export function cloudEventTime(at: number): string {
  return new Date(at).toISOString().replace(/Z$/, "000000Z");
}

export function cloudEventsBody(clientId: string, changes: readonly RealmChange[]): string {
  const source = cloudEventSource(clientId);
  const events = changes.map(({ realmId, change }) => ({
    specversion: "1.0",
    id: randomUUID(),
    source,
    type: cloudEventType(change.entity, change.operation),
    datacontenttype: "application/json",
    time: cloudEventTime(change.at),
    intuitentityid: change.id,
    intuitaccountid: realmId,
    data: change.deletedId !== undefined ? { deletedid: change.deletedId } : {},
  }));
  return JSON.stringify(events);
}

export function webhookBody(format: WebhookFormat, clientId: string, changes: readonly RealmChange[]): string {
  return format === "legacy" ? legacyBody(changes) : cloudEventsBody(clientId, changes);
}
