import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createWorkspaceWith } from "@/test/fixtures";
import { connectCompany, createSimCompany } from "@/test/qbo";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import { enqueueEvent, MAX_EVENT_ID_LENGTH, outboxEventId } from "./outbox";

// Rows of other test files share this database (and another file's dispatcher may send them), so every
// assertion here looks only at this test's own ids, and none depends on whether a row was sent yet.

const data = { workspaceId: "ws_outbox_test", connectionId: "qbc_outbox_test", realmId: "9130000000000001" };

function uniqueId(label: string): string {
  return outboxEventId("qbo/connection.connected", `outbox-test-${label}`, randomUUID());
}

describe("outboxEventId", () => {
  it("joins the parts after the event name, the same way every time", () => {
    expect(outboxEventId("qbo/connection.connected", "qbc_1", "1763750000000")).toBe("qbo/connection.connected:qbc_1:1763750000000");
    expect(outboxEventId("a", "b")).toBe(outboxEventId("a", "b"));
  });

  it("never gives two different part lists the same id, even when a part contains the separator", () => {
    expect(outboxEventId("a:b", "c")).not.toBe(outboxEventId("a", "b:c"));
    expect(outboxEventId("a%3Ab")).not.toBe(outboxEventId("a:b"));
  });

  it("hashes identities too long for an Inngest event id, keeping the name readable", () => {
    const long = outboxEventId("qbo/connection.connected", "x".repeat(300));
    expect(long.length).toBeLessThanOrEqual(MAX_EVENT_ID_LENGTH);
    expect(long).toMatch(/^qbo\/connection\.connected:sha256:[0-9a-f]{64}$/);
    expect(outboxEventId("qbo/connection.connected", "x".repeat(300))).toBe(long);
    expect(outboxEventId("qbo/connection.connected", "x".repeat(301))).not.toBe(long);
  });

  it("refuses an empty part, which would merge two events into one", () => {
    expect(() => outboxEventId("qbo/connection.connected", "")).toThrow(AppError);
    expect(() => outboxEventId()).toThrow(AppError);
  });
});

describe("enqueueEvent", () => {
  it("writes the event with the transaction that commits", async () => {
    const id = uniqueId("commit");
    const result = await db.$transaction((tx) => enqueueEvent(tx, { id, name: "qbo/connection.connected", data }));
    expect(result).toEqual({ inserted: true });
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ eventName: "qbo/connection.connected", payload: data, attempts: 0, lastError: null, workspaceId: null });
    expect(row.availableAt.getTime()).toBe(row.createdAt.getTime());
  });

  it("leaves no row when the transaction rolls back", async () => {
    const id = uniqueId("rollback");
    await expect(
      db.$transaction(async (tx) => {
        await enqueueEvent(tx, { id, name: "qbo/connection.connected", data });
        throw new Error("the business write failed");
      }),
    ).rejects.toThrow("the business write failed");
    expect(await db.outboxMessage.findUnique({ where: { id } })).toBeNull();
  });

  it("keeps one row when the same id is enqueued twice, in one transaction or in two", async () => {
    const id = uniqueId("twice");
    const first = await db.$transaction((tx) => enqueueEvent(tx, { id, name: "qbo/connection.connected", data }));
    const second = await db.$transaction((tx) => enqueueEvent(tx, { id, name: "qbo/connection.connected", data: { ...data, realmId: "2" } }));
    expect([first.inserted, second.inserted]).toEqual([true, false]);

    const other = uniqueId("twice-same-tx");
    const both = await db.$transaction(async (tx) => [
      await enqueueEvent(tx, { id: other, name: "qbo/connection.connected", data }),
      await enqueueEvent(tx, { id: other, name: "qbo/connection.connected", data }),
    ]);
    expect(both.map((r) => r.inserted)).toEqual([true, false]);

    const rows = await db.outboxMessage.findMany({ where: { id: { in: [id, other] } } });
    expect(rows).toHaveLength(2);
    // The first write wins: a retried producer does not rewrite what was already promised to the consumer.
    expect(rows.find((r) => r.id === id)!.payload).toEqual(data);
  });

  it("refuses data that does not match the event's schema, and writes nothing", async () => {
    const id = uniqueId("invalid");
    const attempt = db.$transaction((tx) =>
      // @ts-expect-error realmId is missing: the compiler stops typed callers, the schema stops the rest.
      enqueueEvent(tx, { id, name: "qbo/connection.connected", data: { workspaceId: "ws", connectionId: "c" } }),
    );
    await expect(attempt).rejects.toMatchObject({ code: "VALIDATION_FAILED", details: { event: "qbo/connection.connected", errors: [{ path: "realmId" }] } });
    await expect(
      // @ts-expect-error not a registered event
      db.$transaction((tx) => enqueueEvent(tx, { id, name: "nope/unknown", data })),
    ).rejects.toBeInstanceOf(AppError);
    expect(await db.outboxMessage.findUnique({ where: { id } })).toBeNull();
  });

  it("keeps only the schema's fields", async () => {
    const id = uniqueId("strip");
    await db.$transaction((tx) => enqueueEvent(tx, { id, name: "qbo/connection.connected", data: { ...data, accessToken: "must-not-travel" } as typeof data }));
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id } })).payload).toEqual(data);
  });
});

describe("Connect to QuickBooks", () => {
  it("commits a qbo/connection.connected event with the connection, and a reconnect commits a new one", async () => {
    const { workspace, members } = await createWorkspaceWith(["OWNER"]);
    const userId = members[0]!.user.id;
    const realmId = await createSimCompany("Outbox Co");
    await connectCompany(workspace.slug, userId, realmId);
    const connection = await db.qboConnection.findFirstOrThrow({ where: { workspaceId: workspace.id } });

    const first = await db.outboxMessage.findMany({ where: { workspaceId: workspace.id } });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      id: outboxEventId("qbo/connection.connected", connection.id, String(connection.connectedAt.getTime())),
      eventName: "qbo/connection.connected",
      payload: { workspaceId: workspace.id, connectionId: connection.id, realmId },
    });

    await connectCompany(workspace.slug, userId, realmId, { connectionId: connection.id });
    const after = await db.outboxMessage.findMany({ where: { workspaceId: workspace.id }, orderBy: { createdAt: "asc" } });
    expect(after).toHaveLength(2);
    expect(after[1]!.id).not.toBe(first[0]!.id);
    expect(after[1]!.payload).toEqual({ workspaceId: workspace.id, connectionId: connection.id, realmId });
  });
});
