import { expect, test } from "@playwright/test";
import { signInAs } from "./account";

// The journey of a developer wiring their own system: read the public docs, create a key in settings, send
// events with it (the first is accepted, the same event again is a duplicate, a bad one gets field paths), and
// see the key marked as used.

test("the events API is documented publicly, with its OpenAPI document", async ({ page }) => {
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1, name: "Events API" })).toBeVisible();
  for (const type of ["sale", "refund", "payout", "subscription_invoice"]) {
    await expect(page.getByRole("heading", { level: 3, name: type, exact: true })).toBeVisible();
  }
  // Each type's fields are folded until asked for.
  await page.getByRole("region", { name: "sale", exact: true }).getByText(/^\d+ fields$/).click();
  await expect(page.getByRole("table", { name: "Fields of sale" })).toContainText("amount_minor");
  const openapi = await page.request.get("/api/v1/openapi.json");
  expect(openapi.status()).toBe(200);
  expect((await openapi.json()).paths["/api/v1/events"].post.operationId).toBe("sendEvents");
});

test("an owner creates a key and their system sends events with it", async ({ page }) => {
  await signInAs(page, "Olivia Owner");
  await page.goto("/w/demo/settings/api-keys");
  const form = page.getByRole("form", { name: "Create an API key" });
  const name = `Shop backend ${Date.now().toString(36)}`;
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByRole("textbox", { name: "Your new API key" }).inputValue();

  const event = {
    type: "sale",
    id: `order-${Date.now().toString(36)}`,
    occurred_at: "2026-11-21T09:30:00Z",
    currency: "USD",
    amount_minor: 2895,
    lines: [{ description: "Espresso beans, 1 kg", quantity: "2", amount_minor: 2200, tax_lines: [{ name: "NY sales tax", rate_percent: "8.875", amount_minor: 195, inclusive: false }] }],
    shipping_minor: 500,
  };
  const headers = { authorization: `Bearer ${key}` };
  const first = await page.request.post("/api/v1/events", { data: { events: [event] }, headers });
  expect(first.status()).toBe(202);
  expect((await first.json()).events[0]).toMatchObject({ externalId: event.id, status: "accepted" });

  const again = await page.request.post("/api/v1/events", { data: { events: [event] }, headers });
  expect((await again.json()).events[0]).toMatchObject({ status: "duplicate" });

  const bad = await page.request.post("/api/v1/events", { data: { events: [{ ...event, amount_minor: 28.95 }] }, headers });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).details.errors[0].path).toBe("events.0.amount_minor");

  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: name })).not.toContainText("Never used");
});
