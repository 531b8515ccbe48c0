import { expect, test } from "@playwright/test";
import { signOut } from "./account";

// Sign in with Intuit, through the QuickBooks simulator's consent page (the demo stand-in for Intuit): a new
// Intuit user arrives in a workspace of their own; cancelling at Intuit brings them back to sign-in.

test("a new user signs in with Intuit through the consent page and lands in their own workspace", async ({ page }) => {
  const email = `intuit.user.${Date.now().toString(36)}@example.test`;
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Intuit" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toContainText("Connect Ledgerwire (demo) to your Intuit account");
  expect(new URL(page.url()).origin).toBe(new URL(process.env.E2E_QBO_SIM_URL!).origin);
  // Sign-in asks only for identity: no company to choose.
  await expect(page.getByRole("group", { name: "Company to connect" })).toHaveCount(0);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Connect" }).click();

  await expect(page).toHaveURL(/\/w\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await signOut(page);
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
});

test("cancelling at Intuit returns to the sign-in page with a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Intuit" }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByText("Sign in with Intuit was cancelled or refused.")).toBeVisible();
});
