import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import type * as ListenBack from "@/lib/listen-back";
import type { RunningExecutor } from "@/sim/inngest";
import type { RunView } from "@/sim/inngest/runs";
import { serveAndSync, startExecutorForTest, type ServedApp } from "@/sim/inngest/test-helpers";
import { createWorkspaceWith } from "@/test/fixtures";
import { until } from "@/test/until";

// The read-back job under the local executor, which retries and calls onFailure as Inngest does: a failure that
// retrying cannot heal ends the run after one attempt, and becomes something a person can act on (issue 17: a
// ZodError was retried five times, and the failure handler cast the event's data instead of parsing it).

const port = vi.hoisted(() => 20_000 + Math.floor(Math.random() * 40_000));
vi.mock("@/inngest/client", async () => {
  const { Inngest } = await import("inngest");
  const noop = () => {};
  return { inngest: new Inngest({ id: "ledgerwire", isDev: true, baseUrl: `http://127.0.0.1:${port}`, logger: { info: noop, warn: noop, error: noop, debug: noop } }) };
});
// Read-back of the notifications in `broken` meets data of the wrong shape (as a QuickBooks answer or a stored
// row might be): the ZodError a schema's parse throws.
const broken = vi.hoisted(() => ({ ids: new Set<string>(), calls: new Map<string, number>() }));
vi.mock("@/lib/listen-back", async (original) => {
  const real = await original<typeof ListenBack>();
  return {
    ...real,
    readBackNotification: async (...args: Parameters<typeof real.readBackNotification>) => {
      const id = args[1].inboundEventId;
      broken.calls.set(id, (broken.calls.get(id) ?? 0) + 1);
      if (broken.ids.has(id)) z.object({ Id: z.string() }).parse({ Id: 42 });
      return real.readBackNotification(...args);
    },
  };
});

let executor: RunningExecutor;
let served: ServedApp;

beforeAll(async () => {
  executor = await startExecutorForTest({ port });
  const { inngest } = await import("@/inngest/client");
  const { readBackNotificationFn } = await import("./read-back-notification");
  served = await serveAndSync(executor, inngest, [readBackNotificationFn]);
});
afterAll(async () => {
  await served?.stop();
  await executor?.stop();
});

async function notification(workspaceId: string) {
  return db.inboundEvent.create({ data: { workspaceId, source: "QUICKBOOKS", externalId: `qbo-${randomUUID()}`, eventType: "Invoice.Update", payload: {} } });
}

async function send(data: Record<string, unknown>): Promise<string> {
  const id = `read-back-${randomUUID()}`;
  await served.client.send({ id, name: "qbo/notification.received", data });
  return id;
}

function finishedRun(eventId: string): Promise<RunView> {
  return until(() => executor.executor.listRuns({ functionId: "read-back-notification", limit: 1000 }).find((r) => r.eventIds.includes(eventId) && r.status === "failed"));
}

describe("read-back-notification failures", () => {
  it("does not retry a ZodError: one attempt, then the notification is FAILED with an exception saying why", async () => {
    const { workspace } = await createWorkspaceWith(["OWNER"]);
    const inbound = await notification(workspace.id);
    broken.ids.add(inbound.id);

    const run = await finishedRun(await send({ workspaceId: workspace.id, inboundEventId: inbound.id }));
    expect(run.retries).toBe(0);
    expect(broken.calls.get(inbound.id)).toBe(1);
    const failed = await until(async () => {
      const row = await db.inboundEvent.findUniqueOrThrow({ where: { id: inbound.id } });
      return row.status === "FAILED" && row;
    });
    expect(failed.error).toMatch(/did not have the expected shape \(at Id\)/);
    const exceptions = await db.syncException.findMany({ where: { workspaceId: workspace.id, inboundEventId: inbound.id } });
    expect(exceptions).toEqual([expect.objectContaining({ code: "QBO_READ_BACK_FAILED", status: "OPEN", message: expect.stringMatching(/could not be read back \(.*expected shape/) })]);
  });

  it("takes event data that does not parse as permanent: no retry, nobody's notification touched, a logged error to act on", async () => {
    const { workspace } = await createWorkspaceWith(["OWNER"]);
    const inbound = await notification(workspace.id);
    const errors = vi.spyOn(logger, "error");
    try {
      // No workspace: a handler that cast the data would mark this notification failed by its id alone.
      const eventId = await send({ inboundEventId: inbound.id });
      const run = await finishedRun(eventId);
      expect(run.retries).toBe(0);
      await until(() => errors.mock.calls.some(([fields]) => (fields as { eventId?: string }).eventId === eventId));
      const [fields, message] = errors.mock.calls.find(([f]) => (f as { eventId?: string }).eventId === eventId)!;
      expect(fields).toMatchObject({ runId: run.id, eventName: "qbo/notification.received", issues: [expect.objectContaining({ path: ["workspaceId"] })] });
      expect(message).toMatch(/cannot read failed for good .*no record was marked failed/);
    } finally {
      errors.mockRestore();
    }
    expect(broken.calls.get(inbound.id)).toBeUndefined();
    expect(await db.inboundEvent.findUniqueOrThrow({ where: { id: inbound.id } })).toMatchObject({ status: "RECEIVED", error: null });
    expect(await db.syncException.count({ where: { inboundEventId: inbound.id } })).toBe(0);
  });
});
