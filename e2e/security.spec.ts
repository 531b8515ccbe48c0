import { expect, test } from "@playwright/test";
import { DEMO_USERS } from "../lib/demo/seed-demo";

test("every response carries a nonce-based CSP and the framing, referrer and sniffing headers", async ({ page }) => {
  const first = await page.goto("/");
  const second = await page.request.get("/");
  const csp = first!.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("'unsafe-eval'");
  // A fresh nonce per response, or it protects nothing.
  expect(second.headers()["content-security-policy"]).not.toBe(csp);
  expect(first!.headers()).toMatchObject({ "x-frame-options": "DENY", "referrer-policy": "strict-origin-when-cross-origin", "x-content-type-options": "nosniff" });
  // The page still runs its scripts under that policy: the health indicator hydrates and reports.
  await expect(page.getByRole("status")).toHaveAttribute("data-health", "ok");
});

test("pages other than the landing and sign-in pages need a session; APIs answer 401", async ({ page }) => {
  await page.goto("/w/demo/members");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fw%2Fdemo%2Fmembers$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  const api = await page.request.get("/api/w/demo/members");
  expect(api.status()).toBe(401);
  expect(await api.json()).toEqual({ code: "UNAUTHENTICATED", message: "Sign in to continue." });
});

test("the session cookie is HTTP-only, same-site and expires", async ({ page, context }) => {
  await page.goto("/sign-in?callbackUrl=%2Fw%2Fdemo%2Fmembers");
  await page.getByRole("button", { name: `Continue as ${DEMO_USERS[1].name}` }).click();
  // Signing in returns to the page that asked for it.
  await expect(page).toHaveURL(/\/w\/demo\/settings\/members$/);
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  const hoursLeft = (cookie!.expires * 1000 - Date.now()) / 3_600_000;
  expect(hoursLeft).toBeGreaterThan(11);
  expect(hoursLeft).toBeLessThanOrEqual(12);
});
