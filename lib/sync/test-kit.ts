import { randomUUID } from "node:crypto";
import type { Role } from "../db/generated/enums";
import type { CanonicalEventInput } from "../canonical";
import { CanonicalEventSchema, canonicalKey } from "../canonical";
import { db, type Prisma } from "../db";
import { activateMappingVersion } from "../mappings/activate-mapping-version";
import { createQboAccount } from "../mappings/create-qbo-account";
import { createQboItem } from "../mappings/create-qbo-item";
import { getMappingState } from "../mappings/get-mapping-state";
import { saveMappingVersion } from "../mappings/save-mapping-version";
import { mappingWorkspace, referenceIds } from "../mappings/test-workspace";
import { simControl } from "../../test/qbo";

// For lib/sync's tests: a workspace connected to a fresh simulator company with a complete, ACTIVE mapping for
// Stripe (as the demo seed makes one), and canonical events stored as the normaliser stores them.

export async function syncWorkspace(roles: Role[] = ["ACCOUNTANT", "VIEWER"]) {
  const ws = await mappingWorkspace(roles);
  const { owner, connection } = ws;
  await getMappingState(owner);
  const ids = await referenceIds(connection.id);
  const account = async (category: string) => (await createQboAccount(owner, { qboConnectionId: connection.id, category })).id;
  const sales = await createQboItem(owner, { qboConnectionId: connection.id, category: "revenue", name: "Online sales", incomeAccountId: ids.account("Sales of Product Income") });
  const version = await saveMappingVersion(owner, {
    qboConnectionId: connection.id,
    entries: {
      "clearing:stripe": { qboAccountId: await account("clearing:stripe") },
      "bank:stripe": { qboAccountId: ids.account("Checking") },
      revenue: { qboItemId: sales.id },
      "fees:processing": { qboAccountId: ids.account("Bank Charges") },
      "disputes:holding": { qboAccountId: await account("disputes:holding") },
      "disputes:loss": { qboAccountId: await account("disputes:loss") },
    },
  });
  await activateMappingVersion(owner, { versionId: version.id });
  return { ...ws, mappingVersionId: version.id };
}

/** A canonical event stored with its inbound event, PENDING, as lib/ingest writes one. */
export async function storeCanonical(workspaceId: string, input: CanonicalEventInput): Promise<{ id: string; key: string }> {
  const event = CanonicalEventSchema.parse(input);
  const inbound = await db.inboundEvent.create({ data: { workspaceId, source: event.source, externalId: `evt_${randomUUID()}`, eventType: "test", payload: {}, status: "NORMALISED" } });
  const key = canonicalKey(event);
  const row = await db.canonicalEvent.create({
    data: { workspaceId, inboundEventId: inbound.id, kind: event.kind, idempotencyKey: key, occurredAt: new Date(event.occurredAt), amountMinor: BigInt(event.amountMinor), currency: event.currency, data: event as unknown as Prisma.InputJsonValue },
  });
  return { id: row.id, key };
}

export function sale(overrides: Partial<Record<string, unknown>> = {}): CanonicalEventInput {
  const id = `ch_${randomUUID().slice(0, 12)}`;
  return {
    kind: "SALE",
    source: "STRIPE",
    sourceIds: { object: id },
    occurredAt: "2026-11-20T10:00:00Z",
    currency: "USD",
    amountMinor: 2000,
    customer: { sourceId: `cus_${id}`, name: `Jane ${id}` },
    lines: [{ description: "Widget", quantity: "1", unitAmountMinor: 2000, amountMinor: 2000 }],
    feeMinor: 88,
    ...overrides,
  } as CanonicalEventInput;
}

/** Every entity of a type in the simulator company whose memo names `eventKey`. */
export async function entitiesFor(realmId: string, entity: string, eventKey: string): Promise<Record<string, unknown>[]> {
  const state = await simControl<{ records?: Record<string, unknown>[] }>("GET", `realms/${realmId}/entities/${entity}`).catch(() => ({ records: [] }));
  return (state.records ?? []).filter((r) => typeof r.PrivateNote === "string" && r.PrivateNote.includes(`(Ledgerwire ${eventKey})`));
}
