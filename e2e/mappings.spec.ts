import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { signOut } from "./account";

// The journey of issue 15: an accountant maps a Stripe source's accounts, creates the clearing account in
// QuickBooks (the simulator) from the page, maps a revenue category to an item of its own, books refunds as
// credit memos, previews a payout and a refund, activates the version and finds the activation in the audit log;
// a version that leaves a category unmapped cannot be activated and says which one.
// It runs in a workspace of its own with a company of its own, so the demo workspace stays as other journeys
// expect it (no QuickBooks connected). Membership and the Stripe source are written straight to the database:
// inviting by email and connecting Stripe are other journeys.

const REFUND = { kind: "REFUND", source: "STRIPE", occurredAt: "2026-03-15T10:00:00Z", sourceIds: { object: "re_e2e" }, currency: "USD", amountMinor: 2500, originalSourceId: "ch_e2e", lines: [{ description: "Novel", quantity: "1", amountMinor: 2500, category: "Books" }] };
const PAYOUT = { kind: "PAYOUT", source: "STRIPE", occurredAt: "2026-03-14T15:00:00Z", sourceIds: { object: "po_e2e" }, currency: "USD", amountMinor: 9680, grossMinor: 9680, feesMinor: 0 };

async function signInAs(page: Page, name: string) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Continue as ${name}` }).click();
  await expect(page).toHaveURL(/\/w\/[\w-]+$/);
}

async function addAccountantAndStripe(slug: string) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM "Workspace" WHERE slug = $1`, [slug]);
    const workspaceId = rows[0]!.id;
    await client.query(`INSERT INTO "Membership" (id, "workspaceId", "userId", role, "updatedAt") SELECT $1, $2, id, 'ACCOUNTANT', now() FROM "User" WHERE email = 'ada.accountant@demo.ledgerwire.test'`, [randomUUID(), workspaceId]);
    await client.query(`INSERT INTO "SourceConnection" (id, "workspaceId", kind, name, "updatedAt") VALUES ($1, $2, 'STRIPE', 'Stripe (journey)', now())`, [randomUUID(), workspaceId]);
  } finally {
    await client.end();
  }
}

test("an accountant maps Stripe, creates the clearing account, maps a revenue category, books refunds as credit memos, previews and activates; an unmapped category blocks activation", async ({ page }) => {
  test.setTimeout(90_000);
  const suffix = Date.now().toString(36);
  const workspaceName = `Mapping journey ${suffix}`;

  // An owner makes a workspace and connects a new QuickBooks company to it.
  await signInAs(page, "Olivia Owner");
  await page.getByRole("combobox", { name: "Switch workspace" }).selectOption({ label: "+ New workspace…" });
  await page.getByLabel("Workspace name").fill(workspaceName);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(workspaceName);
  const slug = new URL(page.url()).pathname.split("/")[2]!;

  await page.goto(`/w/${slug}/mappings`);
  await expect(page.getByText("Connect QuickBooks first")).toBeVisible();
  await page.getByRole("link", { name: "Connect one on the Connections page" }).click();
  const form = page.getByRole("form", { name: "Connect a QuickBooks company" });
  await form.getByRole("radio", { name: /Sandbox/ }).check();
  await form.getByRole("button", { name: "Connect to QuickBooks" }).click();
  await page.getByRole("radio", { name: "Create a new company" }).check();
  await page.locator("#company_name").fill(`Journey Books ${suffix}`);
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page).toHaveURL(/\/connections\?connected=/);
  await addAccountantAndStripe(slug);
  await signOut(page);

  // The accountant maps the Stripe source.
  await signInAs(page, "Ada Accountant");
  await page.goto(`/w/${slug}/mappings`);
  const stripe = page.getByRole("region", { name: "Stripe" });
  await expect(stripe).toBeVisible();
  const clearing = stripe.getByLabel("Stripe clearing", { exact: true });
  await expect(clearing.locator("option", { hasText: "Undeposited Funds" })).toHaveCount(0);
  await stripe.getByRole("button", { name: "Create Stripe Clearing in QuickBooks" }).click();
  await expect(clearing.locator("option:checked")).toHaveText("Stripe Clearing (Other Current Asset)");
  await stripe.getByLabel("Stripe payout bank account").selectOption({ label: "Checking (Bank)" });
  await stripe.getByLabel("Sales", { exact: true }).selectOption({ label: "Services" });
  await stripe.getByLabel("Processing fees").selectOption({ label: "Merchant Account Fees (Expense)" });
  await stripe.getByRole("button", { name: "Create Disputed charges in QuickBooks" }).click();
  await expect(stripe.getByLabel("Disputed charges").locator("option:checked")).toHaveText("Disputed charges (Other Current Asset)");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByText("Saved version 1 as a draft.")).toBeVisible();

  // Chargeback losses is still unmapped: activation is refused and names it.
  await page.getByRole("button", { name: "Activate version 1" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not activated" })).toContainText("Chargeback losses (disputes:loss)");

  // Map it, save again, preview a payout with the new draft, and activate.
  await stripe.getByRole("button", { name: "Create Chargeback losses in QuickBooks" }).click();
  await expect(stripe.getByLabel("Chargeback losses").locator("option:checked")).toHaveText("Chargeback losses (Expense)");

  // Books get an item of their own (a category no event has shown yet, added by name); refunds become credit
  // memos, which asks for the A/R account.
  const revenue = page.getByRole("region", { name: "Revenue by product category" });
  await expect(revenue).toContainText("a category left unmapped is booked with the Sales item");
  await revenue.getByLabel("Category name").fill("Books");
  await revenue.getByRole("button", { name: "Add category" }).click();
  await revenue.getByLabel("Category “Books”", { exact: true }).selectOption({ label: "Hours" });
  const booking = page.getByRole("region", { name: "How sales and refunds are booked" });
  await booking.getByRole("radio", { name: "CreditMemo + refund" }).check();
  await booking.getByLabel("Accounts Receivable for refunds", { exact: true }).selectOption({ label: "Accounts Receivable (A/R) (Accounts Receivable)" });

  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByText("Saved version 2 as a draft.")).toBeVisible();
  const second = page.getByRole("listitem", { name: "Version 2" });
  await expect(second).toContainText("+ disputes:loss → Chargeback losses");
  await expect(second).toContainText("+ revenue:category:Books → item Hours");
  await expect(second).toContainText("~ refunds booked as: Refund receipt → CreditMemo + refund");

  await page.getByLabel("Or paste a canonical event (JSON)").fill(JSON.stringify(PAYOUT));
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const deposit = page.getByRole("article", { name: "Deposit preview" });
  await expect(deposit.getByRole("heading")).toHaveText("Deposit 96.80 USD");
  await expect(deposit.getByRole("row", { name: /Checking/ })).toContainText("96.80");
  await expect(deposit.getByRole("row", { name: /Stripe Clearing/ })).toContainText("96.80");
  await expect(deposit.locator("pre")).toContainText('"DepositToAccountRef"');

  await page.getByLabel("Or paste a canonical event (JSON)").fill(JSON.stringify(REFUND));
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const memo = page.getByRole("article", { name: "CreditMemo preview" });
  await expect(memo.getByRole("heading")).toHaveText("CreditMemo 25.00 USD");
  await expect(memo.getByRole("row", { name: /revenue:category:Books/ })).toContainText("25.00");
  await expect(page.getByRole("article", { name: "JournalEntry:refund preview" }).getByRole("row", { name: /Accounts Receivable \(A\/R\)/ })).toContainText("25.00");

  await page.getByRole("button", { name: "Activate version 2" }).click();
  await expect(page.getByText("The version is active: new postings use it.")).toBeVisible();
  await expect(page.getByRole("listitem", { name: "Version 2" })).toContainText("Active");

  // The activation is in the audit log.
  await page.goto(`/w/${slug}/audit`);
  await expect(page.getByRole("cell", { name: "mapping.version.activated" })).toBeVisible();
});
