import { expect, test } from "@playwright/test";

test("a visitor sees what Ledgerwire does and that the system is healthy", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("QuickBooks");
  await expect(page.getByRole("list", { name: "How it works" }).getByRole("listitem")).toHaveCount(4);

  // The indicator reads the real /api/health, which queries the real database behind this build.
  const status = page.getByRole("status");
  await expect(status).toContainText("All systems ok");
  await expect(status).toHaveAttribute("data-health", "ok");
});
