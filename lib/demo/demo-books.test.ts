import { describe, expect, it } from "vitest";
import { db } from "../db";
import { getMappingState } from "../mappings/get-mapping-state";
import { previewPosting } from "../mappings/preview-posting";
import { createSimCompany } from "../../test/qbo";
import { DEMO_COMPANY_NAME, seedDemoBooks } from "./demo-books";
import { DEMO_USERS, seedDemo } from "./seed-demo";

describe("seedDemoBooks", () => {
  it("connects the demo workspace to the simulator's company with a complete, active mapping, once", async () => {
    const { workspaceId } = await seedDemo(db);
    // The demo sources are left to demo-sources.test.ts, which asserts it is the one creating them.
    await createSimCompany(DEMO_COMPANY_NAME);

    expect(await seedDemoBooks()).toEqual({ seeded: true });
    expect(await seedDemoBooks()).toEqual({ seeded: false }); // a second start changes nothing
    const versions = await db.mappingVersion.findMany({ where: { workspaceId } });
    expect(versions.map((v) => v.status)).toEqual(["ACTIVE"]);

    const owner = await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS[0].email } });
    const ctx = { tenantId: workspaceId, user: { id: owner.id, email: owner.email, name: owner.name } };
    const state = await getMappingState(ctx);
    if (!state.connected) throw new Error("expected the demo workspace to be connected");
    expect(state.versions[0]).toMatchObject({ status: "ACTIVE", unmapped: [], author: null });

    const payout = { kind: "PAYOUT", source: "STRIPE", occurredAt: "2026-03-14T15:00:00Z", sourceIds: { object: "po_demo" }, currency: "USD", amountMinor: 5000, grossMinor: 5000, feesMinor: 0 };
    const preview = await previewPosting(ctx, { event: payout });
    expect(preview.problems).toEqual([]);
    expect(preview.postings[0]!.lines.map((l) => l.account)).toEqual(["Checking", "Stripe Clearing"]);
  });
});
