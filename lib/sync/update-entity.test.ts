import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { qboClientFor } from "../qbo/connection-client";
import { mappingWorkspace } from "../mappings/test-workspace";
import { updateReapplying } from "./update-entity";

describe("updates after a stale SyncToken (5010)", () => {
  it("re-reads the entity and applies the same change to the version QuickBooks has now", async () => {
    const { connection } = await mappingWorkspace([]);
    const client = await qboClientFor(connection.id);
    const customer = await client.create("Customer", { DisplayName: `Stale ${randomUUID().slice(0, 8)}` }, { requestId: `c-${randomUUID().slice(0, 20)}` });
    // Someone edits it in QuickBooks meanwhile: our SyncToken is now stale.
    await client.update("Customer", { Id: customer.Id, SyncToken: customer.SyncToken, Notes: "edited by an accountant" }, { requestId: `u-${randomUUID().slice(0, 20)}` });
    await expect(client.update("Customer", { Id: customer.Id, SyncToken: customer.SyncToken, CompanyName: "x" }, { requestId: `v-${randomUUID().slice(0, 20)}` })).rejects.toMatchObject({ code: "5010" });
    const updated = await updateReapplying(client, "Customer", { id: customer.Id, syncToken: customer.SyncToken, changes: { CompanyName: "Ledgerwire Ltd" }, requestId: `w-${randomUUID().slice(0, 20)}` });
    expect(updated).toMatchObject({ CompanyName: "Ledgerwire Ltd", Notes: "edited by an accountant", SyncToken: "2" });
  });
});
