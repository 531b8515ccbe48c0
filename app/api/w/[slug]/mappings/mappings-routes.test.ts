import { describe, expect, it } from "vitest";
import { mappingWorkspace } from "@/lib/mappings/test-workspace";
import { apiRequest, routeParams } from "@/test/http";
import { POST as createAccount } from "./accounts/route";
import { GET as state } from "./route";
import { POST as activate } from "./versions/[versionId]/activate/route";
import { POST as save } from "./versions/route";

// The mapping routes: viewers read, accountants write, bodies are strict, refusals are 4xx with a code and a sentence.

describe("mapping routes", () => {
  it("a viewer reads the mapping but is refused saving and creating accounts", async () => {
    const { workspace, member } = await mappingWorkspace(["VIEWER"]);
    const viewer = member(0).user;
    const params = routeParams({ slug: workspace.slug });
    expect((await state(await apiRequest("GET", "/x", { userId: viewer.id }), params)).status).toBe(200);
    expect((await save(await apiRequest("POST", "/x", { userId: viewer.id, body: { entries: {} } }), params)).status).toBe(403);
    expect((await createAccount(await apiRequest("POST", "/x", { userId: viewer.id, body: { category: "clearing:stripe" } }), params)).status).toBe(403);
  });

  it("an accountant saves a draft; an unknown field is a 422; an incomplete activation is a 422 naming the categories", async () => {
    const { workspace, member } = await mappingWorkspace(["ACCOUNTANT"]);
    const accountant = member(0).user;
    const params = routeParams({ slug: workspace.slug });
    await state(await apiRequest("GET", "/x", { userId: accountant.id }), params);
    const strict = await save(await apiRequest("POST", "/x", { userId: accountant.id, body: { entries: {}, workspaceId: "other" } }), params);
    expect(strict.status).toBe(422);

    const saved = await save(await apiRequest("POST", "/x", { userId: accountant.id, body: { entries: {} } }), params);
    expect(saved.status).toBe(201);
    const { id } = (await saved.json()) as { id: string };
    const refused = await activate(await apiRequest("POST", "/x", { userId: accountant.id }), routeParams({ slug: workspace.slug, versionId: id }));
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { code: string; message: string };
    expect(body.code).toBe("VALIDATION_FAILED");
    expect(body.message).toContain("Stripe clearing (clearing:stripe)");
  });

  it("saves the booking settings with a version, and refuses a setting the ledger does not know with a 422", async () => {
    const { workspace, member } = await mappingWorkspace(["ACCOUNTANT"]);
    const accountant = member(0).user;
    const params = routeParams({ slug: workspace.slug });
    await state(await apiRequest("GET", "/x", { userId: accountant.id }), params);
    const unknown = await save(await apiRequest("POST", "/x", { userId: accountant.id, body: { entries: {}, settings: { refunds: "Cheque" } } }), params);
    expect(unknown.status).toBe(422);

    const saved = await save(await apiRequest("POST", "/x", { userId: accountant.id, body: { entries: {}, settings: { refunds: "CreditMemoAndRefund" } } }), params);
    expect(saved.status).toBe(201);
    expect(await saved.json()).toMatchObject({ settings: { sales: "SalesReceipt", refunds: "CreditMemoAndRefund" }, diff: { settings: [{ setting: "refunds", from: "RefundReceipt", to: "CreditMemoAndRefund" }] } });
    const read = (await (await state(await apiRequest("GET", "/x", { userId: accountant.id }), params)).json()) as { versions: { settings: unknown; unmapped: string[] }[] };
    expect(read.versions[0]).toMatchObject({ settings: { refunds: "CreditMemoAndRefund" } });
    expect(read.versions[0]!.unmapped).toContain("receivable");
  });
});
