import { expect, type Page } from "@playwright/test";

// Sign out from the workspace header: "Sign out" lives in the account menu (components/shell/account-menu.tsx).
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("banner").locator("details summary").click();
  await page.getByRole("button", { name: "Sign out" }).click();
}

// Signs in as one of the demo people from the sign-in page's demo picker; they land on the demo workspace.
export async function signInAs(page: Page, name: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Continue as ${name}` }).click();
  await expect(page).toHaveURL(/\/w\/demo$/);
}
