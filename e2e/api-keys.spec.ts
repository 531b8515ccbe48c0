import { expect, test } from "@playwright/test";
import { signInAs } from "./account";

// The journey of API keys: an owner creates a key for their own system, sees it in full exactly once, finds only
// its prefix after a reload, and revokes it. A viewer has no way in, by the page or by the API.

test("an owner creates an API key, sees it once, and revokes it", async ({ page }) => {
  const name = `Warehouse ${Date.now().toString(36)}`;
  await signInAs(page, "Olivia Owner");
  await page.getByRole("navigation", { name: "Workspace sections" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/settings\/api-keys$/);
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();

  // Invalid input is refused in words, before anything is created.
  const form = page.getByRole("form", { name: "Create an API key" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("checkbox", { name: "events:write" }).uncheck();
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(form.getByText("Choose at least one scope.")).toBeVisible();

  await form.getByRole("checkbox", { name: "events:write" }).check();
  await form.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByRole("textbox", { name: "Your new API key" });
  await expect(shown).toHaveValue(/^lw_live_[A-Za-z0-9_-]{43}$/);
  await expect(shown).toHaveAttribute("readonly", "");
  await expect(page.getByText("it will not be shown again")).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy", exact: true })).toBeVisible();
  const key = await shown.inputValue();

  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(`${key.slice(0, 12)}…`);
  await expect(row).toContainText("events:write");
  await expect(row).toContainText("Never used");

  // After a reload only the prefix remains; the key is nowhere on the page.
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Your new API key" })).toHaveCount(0);
  await expect(row).toContainText(`${key.slice(0, 12)}…`);
  expect(await page.content()).not.toContain(key);

  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
});

test("a viewer has no API keys link and the API refuses them", async ({ page, baseURL }) => {
  await signInAs(page, "Victor Viewer");
  await expect(page.getByRole("navigation", { name: "Workspace sections" }).getByRole("link", { name: "Overview" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Workspace sections" }).getByRole("link", { name: "Settings" })).toHaveCount(0);
  const settings = await page.goto("/w/demo/settings/api-keys");
  expect(settings?.status()).toBe(403);

  const answer = await page.request.post("/api/w/demo/api-keys", { data: { name: "Sneaky", scopes: ["events:write"] }, headers: { origin: baseURL! } });
  expect(answer.status()).toBe(403);
  expect(await answer.json()).toMatchObject({ code: "FORBIDDEN" });
});
