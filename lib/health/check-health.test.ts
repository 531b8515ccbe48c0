import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/free-port";
import { useTestDb } from "../../test/db";
import { createPrismaClient } from "../db/create-client";
import pkg from "../../package.json";
import { checkHealth } from "./check-health";

describe("checkHealth", () => {
  const db = useTestDb();

  it("reports ok and the running version when the database answers", async () => {
    expect(await checkHealth(db)).toEqual({ status: "ok", db: "ok", version: pkg.version });
  });

  it("names the database as the failing part when it does not answer", async () => {
    const unreachable = createPrismaClient(`postgresql://postgres:x@localhost:${await freePort()}/none`, { max: 1 });
    afterAll(() => unreachable.$disconnect());
    expect(await checkHealth(unreachable)).toEqual({ status: "error", db: "error", version: pkg.version, failing: ["db"] });
  });
});
