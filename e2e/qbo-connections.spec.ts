import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./account";

// The journey of issue 5: an admin connects a QuickBooks company through Intuit's consent page (the simulator
// in demo mode), sees it connected, disconnects it and reconnects it. A viewer sees no Connect button and the
// API refuses them.

const COMPANY = "Ledgerwire Demo Company";

async function approveAtIntuit(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toContainText("to your Intuit account");
  await page.getByRole("radio", { name: new RegExp(COMPANY) }).check();
  await page.getByRole("button", { name: "Connect" }).click();
}

test("an admin connects a QuickBooks company, disconnects it and reconnects it", async ({ page }) => {
  await signInAs(page, "Olivia Owner");
  await page.getByRole("navigation", { name: "Workspace sections" }).getByRole("link", { name: "Connections" }).click();
  await expect(page.getByText("No QuickBooks company connected yet")).toBeVisible();

  const form = page.getByRole("form", { name: "Connect a QuickBooks company" });
  await form.getByRole("radio", { name: /Sandbox/ }).check();
  await form.getByRole("button", { name: "Connect to QuickBooks" }).click();
  await approveAtIntuit(page);

  await expect(page).toHaveURL(/\/w\/demo\/connections\?connected=/);
  await expect(page.getByRole("status").filter({ hasText: `Connected ${COMPANY}.` })).toBeVisible();
  const card = page.getByRole("article", { name: COMPANY });
  await expect(card.getByText("Connected", { exact: true })).toBeVisible();
  await expect(card.getByText(/^Sandbox · company id \d+ · USD$/)).toBeVisible();

  page.once("dialog", (dialog) => void dialog.accept());
  await card.getByRole("button", { name: `Disconnect ${COMPANY}` }).click();
  await expect(card.getByText("Disconnected", { exact: true })).toBeVisible();
  await expect(card.getByRole("button", { name: `Disconnect ${COMPANY}` })).toHaveCount(0);

  await card.getByRole("button", { name: `Reconnect ${COMPANY}` }).click();
  await approveAtIntuit(page);
  await expect(page.getByRole("status").filter({ hasText: `Reconnected ${COMPANY}.` })).toBeVisible();
  await expect(page.getByRole("article", { name: COMPANY })).toHaveCount(1);
  await expect(page.getByRole("article", { name: COMPANY }).getByText("Connected", { exact: true })).toBeVisible();
});

test("a viewer sees the connections but no Connect button, and the API refuses them", async ({ page, baseURL }) => {
  await signInAs(page, "Victor Viewer");
  await page.goto("/w/demo/connections");
  await expect(page.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Connect to QuickBooks" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Disconnect / })).toHaveCount(0);

  const answer = await page.request.post("/api/w/demo/qbo/connect", { data: { environment: "SANDBOX" }, headers: { origin: baseURL! } });
  expect(answer.status()).toBe(403);
  expect(await answer.json()).toMatchObject({ code: "FORBIDDEN" });
});

test("a forged or reused return from Intuit ends on a page that says what went wrong", async ({ page }) => {
  await signInAs(page, "Adam Admin");
  await page.goto("/api/qbo/callback?code=stolen&realmId=123&state=forged.signature");
  await expect(page).toHaveURL(/\/qbo\/connect-failed\?reason=tampered$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("QuickBooks was not connected");
  await expect(page.getByRole("alert").filter({ hasText: "could not be verified" })).toBeVisible();
  await page.getByRole("link", { name: "Back to Ledgerwire" }).click();
  await expect(page).toHaveURL(/\/w\/demo$/);
});
