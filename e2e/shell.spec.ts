import { expect, test } from "@playwright/test";
import { signInAs } from "./account";

// The app's shell as a newcomer meets it: one header row at laptop width, every section reachable on a phone,
// Settings grouping people and credentials, the API docs navigable, and a favicon.

test("at 1280 px the header keeps to one row, with the account menu beside the navigation", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAs(page, "Olivia Owner");
  const header = page.getByRole("banner");
  const brand = await header.getByRole("link", { name: "Ledgerwire" }).boundingBox();
  const account = await header.locator("details summary").boundingBox();
  const nav = await header.getByRole("navigation", { name: "Workspace sections" }).boundingBox();
  expect(brand && account && nav).toBeTruthy();
  // Same row: the centres are within a few pixels of each other.
  expect(Math.abs(brand!.y + brand!.height / 2 - (account!.y + account!.height / 2))).toBeLessThan(8);
  expect(Math.abs(brand!.y + brand!.height / 2 - (nav!.y + nav!.height / 2))).toBeLessThan(8);

  await header.locator("details summary").click();
  await expect(header.getByText("Role in this workspace: owner")).toBeVisible();
  await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("at 390 px every section link can be reached, Settings included", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "Olivia Owner");
  const nav = page.getByRole("navigation", { name: "Workspace sections" });
  const settings = nav.getByRole("link", { name: "Settings" });
  await settings.scrollIntoViewIfNeeded();
  await expect(settings).toBeInViewport();
  // Nothing in the page is wider than the phone: the links scroll inside their row instead.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await settings.click();
  await expect(page).toHaveURL(/\/w\/demo\/settings\/members$/);
  await expect(page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "API keys" })).toBeVisible();
});

test("Settings groups members and API keys; old links still arrive", async ({ page }) => {
  await signInAs(page, "Olivia Owner");
  await page.goto("/w/demo/settings");
  await expect(page).toHaveURL(/\/w\/demo\/settings\/members$/);
  const sections = page.getByRole("navigation", { name: "Settings sections" });
  await expect(sections.getByRole("link", { name: "Members" })).toHaveAttribute("aria-current", "page");
  await sections.getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expect(sections.getByRole("link", { name: "API keys" })).toHaveAttribute("aria-current", "page");
  await page.goto("/w/demo/members");
  await expect(page).toHaveURL(/\/w\/demo\/settings\/members$/);
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
});

test("the audit log's change column reads as fields, not a column of characters", async ({ page }) => {
  await signInAs(page, "Olivia Owner");
  await page.goto("/w/demo/audit");
  const firstChange = page.getByRole("table", { name: "Audit entries, newest first" }).locator("tbody tr td:last-child").first();
  const box = await firstChange.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(200);
});

test("the API docs have a table of contents that jumps to each section, and the app has a favicon", async ({ page }) => {
  await page.goto("/docs/api");
  const toc = page.getByRole("navigation", { name: "On this page" });
  await toc.getByRole("link", { name: "Errors" }).click();
  await expect(page).toHaveURL(/#errors$/);
  await expect(page.getByRole("heading", { level: 2, name: "Errors" })).toBeInViewport();
  await toc.getByRole("link", { name: "refund", exact: true }).click();
  await expect(page.getByRole("heading", { level: 3, name: "refund", exact: true })).toBeInViewport();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeLessThan(8000);

  const icon = await page.locator('head link[rel="icon"]').first().getAttribute("href");
  expect(icon).toBeTruthy();
  const answer = await page.request.get(icon!);
  expect(answer.status()).toBe(200);
  expect(answer.headers()["content-type"]).toContain("image/svg+xml");
});

test("the demo mailbox has a way back into the app", async ({ page }) => {
  await signInAs(page, "Olivia Owner");
  await page.goto("/dev/mailbox");
  await expect(page.getByRole("heading", { level: 1, name: "Demo mailbox" })).toBeVisible();
  await page.getByRole("navigation", { name: "Back" }).getByRole("link", { name: "← Back to Ledgerwire" }).click();
  await expect(page).toHaveURL(/\/w\/demo$/);
});
