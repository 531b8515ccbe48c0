import { expect, test } from "@playwright/test";
import { signInAs } from "./account";
import { E2E_STRIPE_KEYS } from "./stripe-keys";

// The journey of a self-serve source: an admin connects Stripe, is told in words why a key without tax-rate access
// is refused, connects with a good one, copies the webhook URL, pastes the signing secret Stripe would show, sends
// a test event and sees it arrive, then rotates the secret. A viewer never sees Sources and is refused.

const FIRST_SECRET = "whsec_e2e_first_signing_secret_0001";
const NEXT_SECRET = "whsec_e2e_rotated_signing_secret_0002";

test("an admin connects Stripe, tests its endpoint and rotates its secret", async ({ page }) => {
  test.setTimeout(90_000);
  await signInAs(page, "Adam Admin");
  await page.getByRole("navigation", { name: "Workspace sections" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Sources" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sources" })).toBeVisible();

  const form = page.getByRole("form", { name: "Connect Stripe" });
  await form.getByLabel("Name").fill("Stripe (e2e)");
  await form.getByLabel("Restricted API key").fill(E2E_STRIPE_KEYS.balanceOnly);
  await form.getByRole("button", { name: "Check key and connect" }).click();
  const keyField = form.getByLabel("Restricted API key");
  await expect(keyField).toHaveAttribute("aria-invalid", "true");
  await expect(keyField).toHaveAccessibleDescription(/This key cannot read Tax rates .* set Tax rates to Read/);
  await expect(page.getByRole("article", { name: "Stripe (e2e)" })).toHaveCount(0);

  await keyField.fill(E2E_STRIPE_KEYS.good);
  await form.getByRole("button", { name: "Check key and connect" }).click();
  await expect(form.getByText("Stripe accepted the key.")).toBeVisible();
  const card = page.getByRole("article", { name: "Stripe (e2e)" });
  await expect(card.getByText("Waiting for the signing secret")).toBeVisible();
  const url = await card.getByLabel("Webhook endpoint URL", { exact: true }).inputValue();
  expect(url).toMatch(/^http:\/\/localhost:\d+\/api\/webhooks\/stripe\/[A-Za-z0-9_-]+$/);
  // Copied as a person would, with the button: the clipboard holds the URL to paste into Stripe.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await card.getByRole("button", { name: "Copy the webhook endpoint URL" }).click();
  await expect(card.getByRole("button", { name: "Copy the webhook endpoint URL" })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await card.getByText(/Events to select in Stripe/).click();
  await expect(card.getByText("charge.succeeded", { exact: true })).toBeVisible();
  await expect(card.getByRole("button", { name: "Send a test event" })).toBeDisabled();

  // Before the secret is pasted the endpoint refuses everything (Stripe would retry).
  expect((await page.request.post(url, { data: "{}", headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=00" } })).status()).toBe(401);

  await card.getByLabel("Signing secret", { exact: true }).fill(FIRST_SECRET);
  await card.getByRole("button", { name: "Save signing secret" }).click();
  await expect(card.getByText("whsec_…0001")).toBeVisible();
  await expect(card.getByText("Active", { exact: true })).toBeVisible();

  const testResult = card.getByTestId("test-event-result");
  await card.getByRole("button", { name: "Send a test event" }).click();
  await expect(testResult).toContainText("Test event arrived", { timeout: 20_000 });
  await expect(testResult).toContainText("It books nothing");
  const firstTest = (await testResult.locator("code").first().textContent()) ?? "";
  expect(firstTest).toMatch(/^evt_test_/);
  await expect(card.getByTestId(/-last-delivery$/)).toContainText("ledgerwire.test_event");

  // Rotation: the new secret is added first, both are accepted, then the old one is dropped.
  await card.getByText("Rotate the signing secret").click();
  await card.getByLabel("New signing secret", { exact: true }).fill(NEXT_SECRET);
  await card.getByRole("button", { name: "Add new secret" }).click();
  await expect(card.getByText(/both are accepted/)).toBeVisible();
  await expect(card.getByText("whsec_…0002")).toBeVisible();
  await expect(card.getByText("whsec_…0001")).toBeVisible();
  await card.getByRole("button", { name: "Send a test event" }).click();
  // Signed with the new secret; a server process may still hold the old list for up to ten seconds.
  await expect(testResult).not.toContainText(firstTest, { timeout: 30_000 });
  await expect(testResult).toContainText("Test event arrived", { timeout: 30_000 });

  page.once("dialog", (dialog) => void dialog.accept());
  await card.getByRole("button", { name: "Finish rotation" }).click();
  await expect(card.getByText(/both are accepted/)).toHaveCount(0);
  await expect(card.getByText("whsec_…0001")).toHaveCount(0);
  await expect(card.getByText("whsec_…0002")).toBeVisible();

  // Shown once, as typed, and never again (the demo key itself is printed in the page's demo-mode notice).
  const html = await page.content();
  for (const secret of [FIRST_SECRET, NEXT_SECRET]) expect(html).not.toContain(secret);
  expect(await card.innerHTML()).not.toContain(E2E_STRIPE_KEYS.good);
});

test("a viewer has no Sources link and is refused the page and the API", async ({ page, baseURL }) => {
  await signInAs(page, "Victor Viewer");
  await expect(page.getByRole("navigation", { name: "Workspace sections" }).getByRole("link", { name: "Overview" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sources", exact: true })).toHaveCount(0);
  const settings = await page.goto("/w/demo/settings/sources");
  expect(settings?.status()).toBe(403);
  const answer = await page.request.post("/api/w/demo/sources/stripe", { data: { name: "Sneaky", apiKey: E2E_STRIPE_KEYS.good }, headers: { origin: baseURL! } });
  expect(answer.status()).toBe(403);
  expect(await answer.json()).toMatchObject({ code: "FORBIDDEN" });
});
