import { expect, test } from "@playwright/test";

// Jobs in the production build: the job executor (the local one here) syncs the app's functions from
// /api/inngest and runs them against the app's database, and its status page shows the runs.

const executor = process.env.E2E_INNGEST_URL;

test("the app's functions are synced with the job executor, run, and show on its status page", async ({ page, request }) => {
  expect(executor, "scripts/e2e.ts sets E2E_INNGEST_URL to the job executor it starts").toBeTruthy();
  await expect
    .poll(async () => {
      const res = await request.get(`${executor}/v1/functions`);
      const { functions } = (await res.json()) as { functions: { id: string }[] };
      return functions.map((f) => f.id).sort();
    })
    .toEqual(expect.arrayContaining(["ledgerwire-maintain-qbo-connections", "ledgerwire-resend-stuck-outbox"]));

  // Bring the clock to the next minute: the every-minute re-send of stuck outbox events fires.
  const nextMinute = new Date(Math.ceil((Date.now() + 1000) / 60_000) * 60_000 + 1000);
  const tick = await request.post(`${executor}/v1/cron/tick`, { data: { at: nextMinute.toISOString() } });
  expect(((await tick.json()) as { fired: number }).fired).toBeGreaterThanOrEqual(1);

  await page.goto(executor!);
  await expect(page.getByRole("heading", { name: "Local Inngest executor" })).toBeVisible();
  await expect(page.getByText(/development stand-in/)).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "resend-stuck-outbox" }).first();
  await expect(row.getByRole("cell", { name: "completed", exact: true })).toBeVisible({ timeout: 15_000 });
});
