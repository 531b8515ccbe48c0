import { expect, test, type Page } from "@playwright/test";
import { signInAs, signOut } from "./account";

// The journey of issue 3: a demo owner signs in, creates a workspace, invites a viewer; the viewer accepts
// through the emailed links, signs in by email link, sees only that workspace, and cannot reach its members page.

// A production build (which these journeys run) shows the demo mailbox to signed-in owners only, and never to
// someone signed out: the owner reads the link in a browser of their own and hands it over, as a real inbox would.
async function openLatestMail(page: Page, to: string, subject: string) {
  const browser = page.context().browser();
  if (!browser) throw new Error("no browser");
  const owner = await browser.newContext();
  let href: string | null;
  try {
    const inbox = await owner.newPage();
    await signInAs(inbox, "Olivia Owner");
    await inbox.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
    const message = inbox.getByRole("article", { name: `${subject} to ${to}` }).first();
    await expect(message).toBeVisible();
    href = await message.getByRole("link").getAttribute("href");
  } finally {
    await owner.close();
  }
  expect(href).toBeTruthy();
  await page.goto(href!);
}

test("the demo mailbox is not shown to someone signed out in a production build", async ({ page }) => {
  await page.goto("/dev/mailbox");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an owner invites a viewer who joins through the emailed links and sees only that workspace", async ({ page }) => {
  const workspaceName = `Northwind ${Date.now().toString(36)}`;
  const invitee = `new.viewer.${Date.now().toString(36)}@example.test`;

  // Demo sign-in as the seeded owner lands in the demo workspace.
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Continue as Olivia Owner" }).click();
  await expect(page).toHaveURL(/\/w\/demo$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Acme Outdoor (demo)");

  // Create a workspace from the switcher.
  await page.getByRole("combobox", { name: "Switch workspace" }).selectOption({ label: "+ New workspace…" });
  await expect(page).toHaveURL(/\/w\/new$/);
  await page.getByLabel("Workspace name").fill(workspaceName);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(workspaceName);
  const workspaceUrl = new URL(page.url()).pathname;

  // Invite a viewer.
  await page.getByRole("navigation", { name: "Workspace sections" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL(/\/settings\/members$/);
  const invite = page.getByRole("form", { name: "Invite a member" });
  await invite.getByLabel("Email address").fill(invitee);
  await invite.getByLabel("Role").selectOption("VIEWER");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Invitation sent.")).toBeVisible();
  await expect(page.getByRole("list").getByText(invitee)).toBeVisible();

  await signOut(page);
  await expect(page).toHaveURL(/\/$/);

  // The invitee follows the invitation, asks for a sign-in link, and follows that too.
  await openLatestMail(page, invitee, `Join ${workspaceName} on Ledgerwire`);
  await expect(page.getByRole("heading", { name: `Join ${workspaceName}` })).toBeVisible();
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await openLatestMail(page, invitee, "Sign in to Ledgerwire");
  await page.getByRole("button", { name: `Join ${workspaceName}` }).click();
  await expect(page).toHaveURL(new RegExp(`${workspaceUrl}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(workspaceName);

  // Only that workspace: nothing else in the switcher, and the demo workspace is not found.
  const options = await page.getByRole("combobox", { name: "Switch workspace" }).locator("option").allTextContents();
  expect(options).toEqual([workspaceName, "+ New workspace…"]);
  const demo = await page.goto("/w/demo");
  expect(demo?.status()).toBe(404);

  // A viewer has no Members link and is refused the page itself.
  await page.goto(workspaceUrl);
  await expect(page.getByRole("navigation", { name: "Workspace sections" }).getByRole("link", { name: "Settings" })).toHaveCount(0);
  const members = await page.goto(`${workspaceUrl}/members`);
  expect(members?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  // The refusal keeps the workspace header, so the viewer can go on to what they may see.
  await expect(page.getByRole("navigation", { name: "Workspace sections" }).getByRole("link", { name: "Overview" })).toBeVisible();
});
