// Body formats against Intuit's published examples, the signing function against a known vector, and the
// retry schedule, without a running simulator.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, shapeOf } from "../test-helpers";
import { cloudEventsBody, cloudEventSource, cloudEventType, legacyBody, type RealmChange } from "./payload";
import { MAX_ATTEMPTS, retryDelayMs } from "./retry";
import { signWebhook } from "./signature";

type Vector = { verifierToken: string; intuitSignature: string; payload: string };

const sorted = (value: unknown) => shapeOf(value).sort();
const at = Date.parse("2025-09-08T20:52:31.657Z");

describe("signWebhook", () => {
  it("reproduces the published signature vector", () => {
    const { vectors } = fixture<{ vectors: Vector[] }>("qbo-webhooks/signature_vector.json");
    for (const v of vectors) expect(signWebhook(v.payload, v.verifierToken)).toBe(v.intuitSignature);
  });

  it("signs raw bytes: the stored raw payload file gives the same signature", () => {
    const raw = readFileSync(path.join(import.meta.dirname, "../test-fixtures/qbo-webhooks/legacy/python_quickbooks_payload.raw"));
    expect(signWebhook(raw, "verify_me")).toBe("nfPLN16u3vMvv08ghDs+dOkLuirEVDy5wAeG/lmM2OA=");
    // Multi-byte text is signed as UTF-8, the bytes a receiver reads off the wire.
    const text = '{"name":"Café ☕"}';
    expect(signWebhook(text, "clé")).toBe(createHmac("sha256", Buffer.from("clé")).update(Buffer.from(text)).digest("base64"));
  });
});

describe("legacy body", () => {
  it("has the keys of Intuit's example, with ISO times in milliseconds and Z", () => {
    const body = JSON.parse(legacyBody([{ realmId: "310687", change: { entity: "Account", id: "1234", operation: "Create", at } }]));
    expect(sorted(body)).toEqual(sorted(fixture("qbo-webhooks/legacy/intuit_blog_2025_legacy_example.json")));
    expect(body.eventNotifications[0].dataChangeEvent.entities[0].lastUpdated).toBe("2025-09-08T20:52:31.657Z");
  });

  it("groups entities under one notification per realm and adds deletedId on Merge", () => {
    const changes: RealmChange[] = [
      { realmId: "1", change: { entity: "Invoice", id: "5", operation: "Create", at } },
      { realmId: "2", change: { entity: "Customer", id: "7", operation: "Merge", at, deletedId: "3" } },
      { realmId: "1", change: { entity: "Invoice", id: "5", operation: "Void", at } },
    ];
    const body = JSON.parse(legacyBody(changes));
    expect(body.eventNotifications.map((n: { realmId: string }) => n.realmId)).toEqual(["1", "2"]);
    expect(body.eventNotifications[0].dataChangeEvent.entities.map((e: { operation: string }) => e.operation)).toEqual(["Create", "Void"]);
    expect(body.eventNotifications[1].dataChangeEvent.entities[0]).toMatchObject({ name: "Customer", id: "7", operation: "Merge", deletedId: "3" });
  });
});

describe("CloudEvents body", () => {
  it("has the keys of Intuit's created and merged examples", () => {
    const created = JSON.parse(cloudEventsBody("app", [{ realmId: "310687", change: { entity: "Account", id: "1234", operation: "Create", at } }]));
    expect(sorted(created)).toEqual(sorted(fixture("qbo-webhooks/cloudevents/intuit_blog_2025_cloudevents_example.json")));
    expect(created[0]).toMatchObject({ specversion: "1.0", type: "qbo.account.created.v1", intuitentityid: "1234", intuitaccountid: "310687", data: {} });
    expect(created[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(created[0].time).toBe("2025-09-08T20:52:31.657000000Z");

    const merged = JSON.parse(cloudEventsBody("app", [{ realmId: "9", change: { entity: "Customer", id: "123", operation: "Merge", at, deletedId: "27" } }]));
    expect(sorted(merged)).toEqual(sorted(fixture("qbo-webhooks/cloudevents/intuit_docs_customer_merged_example.json")));
    expect(merged[0]).toMatchObject({ type: "qbo.customer.merged.v1", data: { deletedid: "27" } });
  });

  it("names types in the past tense and keeps one opaque source per app", () => {
    expect(["Create", "Update", "Delete", "Merge", "Void"].map((op) => cloudEventType("SalesReceipt", op))).toEqual([
      "qbo.salesreceipt.created.v1",
      "qbo.salesreceipt.updated.v1",
      "qbo.salesreceipt.deleted.v1",
      "qbo.salesreceipt.merged.v1",
      "qbo.salesreceipt.voided.v1",
    ]);
    expect(cloudEventSource("a")).toBe(cloudEventSource("a"));
    expect(cloudEventSource("a")).not.toBe(cloudEventSource("b"));
    expect(cloudEventSource("a")).toMatch(/^intuit\.[A-Za-z0-9+/]{43}=$/);
  });
});

describe("retry schedule", () => {
  it("waits 10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h, then 6 h, and gives up after three days of 6-hourly tries", () => {
    const minutes = Array.from({ length: 9 }, (_, i) => retryDelayMs(i + 1)! / 60_000);
    expect(minutes).toEqual([1 / 6, 1 / 3, 0.5, 5, 20, 120, 240, 360, 360]);
    expect(retryDelayMs(MAX_ATTEMPTS - 1)).toBe(6 * 3600_000);
    expect(retryDelayMs(MAX_ATTEMPTS)).toBeNull();
    expect(MAX_ATTEMPTS).toBe(20);
  });
});
