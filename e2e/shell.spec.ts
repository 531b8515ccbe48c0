import { expect, test, type Locator, type Page } from "@playwright/test";
import { headerNav, SETTINGS_NAV } from "../components/shell/workspace-nav";
import { can } from "../lib/auth/permissions";
import { signInAs } from "./account";

// The app's shell as a newcomer meets it: one header row on a laptop and on a phone, every section reachable on both,
// Settings grouping people and credentials, the API docs navigable, and a favicon.

const BASE = "/w/demo";
// What the header offers an owner, from the one list the header is built from (components/shell/workspace-nav.ts).
const SECTIONS = headerNav("OWNER");
const SETTINGS_SECTIONS = SETTINGS_NAV.filter((item) => can("OWNER", item.permission));

// How many lines an element's text takes: one client rect per line box.
function lineCount(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top))).size;
  });
}

async function box(locator: Locator): Promise<{ y: number; height: number; middle: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator} has no box: it is not displayed`);
  return { y: found.y, height: found.height, middle: found.y + found.height / 2 };
}

for (const width of [1280, 390]) {
  const folded = width < 1024; // below `lg` the sections fold behind the Menu button

  // The sections' links, after opening the menu where they are folded.
  async function sections(page: Page): Promise<Locator> {
    const nav = page.getByRole("banner").getByRole("navigation", { name: "Workspace sections" });
    if (folded) {
      const menu = page.getByRole("banner").getByRole("button", { name: "Menu" });
      if ((await menu.getAttribute("aria-expanded")) !== "true") await menu.click();
      await expect(menu).toHaveAttribute("aria-expanded", "true");
    }
    await expect(nav).toBeVisible();
    return nav;
  }

  test.describe(`at ${width} px`, () => {
    test.beforeEach(async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await signInAs(page, "Olivia Owner");
    });

    test("the header is one row: brand, workspace, sections and account side by side", async ({ page }) => {
      const header = page.getByRole("banner");
      const parts = [
        header.getByRole("link", { name: "Ledgerwire" }),
        header.getByRole("combobox", { name: "Switch workspace" }),
        folded ? header.getByRole("button", { name: "Menu" }) : header.getByRole("navigation", { name: "Workspace sections" }),
        header.locator("details summary"),
      ];
      const boxes = await Promise.all(parts.map(box));
      const row = Math.max(...boxes.map((b) => b.height));
      for (const b of boxes) expect(Math.abs(b.middle - boxes[0]!.middle)).toBeLessThan(4);
      // The header is that one row and its padding (py-3 and a 1 px border), not two rows.
      expect((await box(header)).height).toBeLessThanOrEqual(row + 26);
      if (folded) await expect(header.getByRole("navigation", { name: "Workspace sections" })).toBeHidden();
      // Nothing is wider than the window.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    });

    test("every section is visible and opens its page, Settings' own sections included", async ({ page }) => {
      // Start on the last section, so that the first link (the overview) has somewhere to go.
      await page.goto(`${BASE}${SECTIONS.at(-1)!.href}`);
      for (const item of SECTIONS) {
        const link = (await sections(page)).getByRole("link", { name: item.label, exact: true });
        await expect(link).toBeInViewport();
        await link.click();
        await expect(page).toHaveURL(new RegExp(`${BASE}${item.href}${item.exact ? "" : "(/[a-z-]+)?"}$`));
        await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Not found");
        // The header marks where you are (folded away again on a phone, hence includeHidden).
        const here = page.getByRole("banner").getByRole("link", { name: item.label, exact: true, includeHidden: true });
        await expect(here).toHaveAttribute("aria-current", "page");
        if (folded) await expect(page.getByRole("banner").getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "false");
      }
      for (const item of SETTINGS_SECTIONS) {
        const link = page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: item.label, exact: true });
        await expect(link).toBeInViewport();
        await link.click();
        await expect(page).toHaveURL(new RegExp(`${BASE}${item.href}$`));
        await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Not found");
        await expect(link).toHaveAttribute("aria-current", "page");
      }
    });
  });
}

test("at 1280 px the signed-in email and Sign out keep to one line each", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAs(page, "Olivia Owner");
  const header = page.getByRole("banner");
  const summary = header.locator("details summary");
  const email = summary.getByText("olivia.owner@demo.ledgerwire.test", { exact: true });
  await expect(email).toBeVisible();
  expect(await lineCount(email)).toBe(1);
  await summary.click();
  await expect(header.getByText("Role in this workspace: owner")).toBeVisible();
  const signOut = header.getByRole("button", { name: "Sign out" });
  await expect(signOut).toBeVisible();
  expect(await lineCount(signOut)).toBe(1);
  expect(await lineCount(header.locator("details p").first())).toBe(1);
});

test("at 390 px the Menu button opens and closes from the keyboard", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await signInAs(page, "Olivia Owner");
  const header = page.getByRole("banner");
  const menu = header.getByRole("button", { name: "Menu" });
  const nav = header.getByRole("navigation", { name: "Workspace sections" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  // aria-controls names the panel that holds the sections.
  const controls = await menu.getAttribute("aria-controls");
  expect(await page.locator(`[id="${controls}"]`).getByRole("navigation", { name: "Workspace sections", includeHidden: true }).count()).toBe(1);

  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(nav).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link", { name: SECTIONS[0]!.label, exact: true })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();

  // Space opens it too; tabbing past its last link closes it, and so does a tap elsewhere.
  await page.keyboard.press(" ");
  await expect(nav).toBeVisible();
  for (let i = 0; i <= SECTIONS.length; i++) await page.keyboard.press("Tab");
  await expect(header.locator("details summary")).toBeFocused();
  await expect(nav).toBeHidden();
  await menu.click();
  await expect(nav).toBeVisible();
  await page.mouse.click(2, 790);
  await expect(nav).toBeHidden();
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
