import { expect, test } from "@playwright/test";
import { signInAs, signOut } from "./account";

// Signing out must end the session on the server, not only delete the browser's cookie: someone who copied the
// cookie before (a shared machine, a stolen backup, a proxy log) must not get back in with it afterwards.

test("a session cookie copied before sign-out opens neither the members page nor its API after it", async ({ page, browser }) => {
  await signInAs(page, "Olivia Owner");
  const copied = (await page.context().cookies()).filter((cookie) => cookie.name.includes("authjs.session-token"));
  expect(copied).toHaveLength(1);
  expect((await page.request.get("/api/w/demo/members")).status()).toBe(200);

  await signOut(page);
  await expect(page).not.toHaveURL(/\/w\/demo/);

  // Another browser with only the copied cookie.
  const thief = await browser.newContext();
  try {
    await thief.addCookies(copied);
    const api = await thief.request.get("/api/w/demo/members");
    expect(api.status()).toBe(401);
    const stolen = await thief.newPage();
    await stolen.goto("/w/demo/members");
    await expect(stolen).toHaveURL(/\/sign-in/);
  } finally {
    await thief.close();
  }
});
