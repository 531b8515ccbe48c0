import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createWorkspaceWith } from "../../test/fixtures";
import { freePort } from "../../scripts/lib/free-port";
import { useTestDb } from "../../test/db";
import { createPrismaClient } from "../db/create-client";
import pkg from "../../package.json";
import { checkHealth } from "./check-health";

describe("checkHealth", () => {
  const db = useTestDb();

  it("reports ok and the running version when the database answers", async () => {
    expect(await checkHealth(db)).toEqual({ status: "ok", db: "ok", version: pkg.version, stranded: expect.any(Number) });
  });

  it("counts events still waiting after the grace period as stranded, and stays ok while the sweep retries them", async () => {
    const { workspace } = await createWorkspaceWith(["OWNER"]);
    await db.inboundEvent.create({ data: { workspaceId: workspace.id, source: "API", externalId: `sale:${randomUUID()}`, eventType: "sale", payload: {} } });
    const health = await checkHealth(db, { strandedGraceMs: 0 });
    expect(health).toMatchObject({ status: "ok", db: "ok" });
    expect(health.stranded).toBeGreaterThanOrEqual(1);
  });

  it("names the database as the failing part when it does not answer", async () => {
    const unreachable = createPrismaClient(`postgresql://postgres:x@localhost:${await freePort()}/none`, { max: 1 });
    afterAll(() => unreachable.$disconnect());
    expect(await checkHealth(unreachable)).toEqual({ status: "error", db: "error", version: pkg.version, failing: ["db"] });
  });
});
