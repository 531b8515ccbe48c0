// Webhook deliveries end to end: REST writes on a running simulator, a local receiver recording raw bytes,
// and the sim clock driven forward to close groups and reach retries.
import { createHmac, randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { realmContext } from "../core";
import type { WebhookFormat } from "../state";
import { entityByName } from "../rest/entities";
import { logChange } from "../rest/store";
import { TEST_APP, fixture, shapeOf, startTestSim, type TestSim } from "../test-helpers";
import { startReceiver, type Receiver } from "./test-receiver";

const VERIFIER = "verifier-\u00e9-token";
const sorted = (value: unknown) => shapeOf(value).sort();

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** Gives `clientId` a live grant for the realm, as an OAuth connection would. */
function grant(t: TestSim, clientId: string, realmId = t.realm.realmId, invalidated = false): void {
  const token = `rt-${randomBytes(8).toString("hex")}`;
  const now = t.sim.clock.now();
  t.sim.state.refreshTokens[token] = { token, clientId, realmId, sub: "test-user", scope: ["com.intuit.quickbooks.accounting"], expiresAt: now + 100 * 86_400_000, hardExpiresAt: now + 5 * 365 * 86_400_000, invalidated, accessToken: null };
}

async function setup(options: { format?: WebhookFormat; intervalMs?: number } = {}): Promise<{ t: TestSim; receiver: Receiver }> {
  const receiver = await startReceiver();
  const t = await startTestSim({ webhookIntervalMs: options.intervalMs ?? 60_000 });
  cleanups.push(receiver.close, t.sim.stop);
  t.sim.registerApp({ ...TEST_APP, webhookUrl: receiver.url, verifierToken: VERIFIER, webhookFormat: options.format ?? "legacy" });
  grant(t, TEST_APP.clientId);
  return { t, receiver };
}

async function createCustomer(t: TestSim, name: string): Promise<string> {
  const answer = await t.api("POST", "/customer?minorversion=75", { DisplayName: name });
  expect(answer.status, answer.text).toBe(200);
  return (answer.body as { Customer: { Id: string } }).Customer.Id;
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const bodyOf = (receiver: Receiver, index: number) => JSON.parse(receiver.received[index]!.body.toString("utf8"));
const deliveriesOf = (t: TestSim, clientId = TEST_APP.clientId) => t.sim.webhooks.deliveries().filter((d) => d.clientId === clientId);

describe("webhook deliveries", () => {
  it("POSTs JSON signed with HMAC-SHA256 of the raw body bytes under the verifier token", async () => {
    const { t, receiver } = await setup();
    await createCustomer(t, "Signed Ltd");
    await t.sim.webhooks.flush();
    expect(receiver.received).toHaveLength(1);
    const { body, headers } = receiver.received[0]!;
    expect(headers["content-type"]).toBe("application/json");
    const expected = createHmac("sha256", Buffer.from(VERIFIER, "utf8")).update(body).digest("base64");
    expect(headers["intuit-signature"]).toBe(expected);
    const [delivery] = deliveriesOf(t);
    expect(delivery).toMatchObject({ status: "delivered", signature: expected, body: body.toString("utf8"), realmIds: [t.realm.realmId], entityCount: 1, format: "legacy", url: receiver.url });
    expect(delivery!.attempts).toEqual([{ at: expect.stringMatching(/Z$/), status: 200 }]);
  });

  it("sends legacy bodies with the keys of Intuit's example", async () => {
    const { t, receiver } = await setup({ format: "legacy" });
    const id = await createCustomer(t, "Legacy Ltd");
    await t.sim.webhooks.flush();
    const body = bodyOf(receiver, 0);
    expect(sorted(body)).toEqual(sorted(fixture("qbo-webhooks/legacy/intuit_blog_2025_legacy_example.json")));
    expect(body.eventNotifications[0]).toMatchObject({ realmId: t.realm.realmId, dataChangeEvent: { entities: [{ name: "Customer", id, operation: "Create" }] } });
    expect(body.eventNotifications[0].dataChangeEvent.entities[0].lastUpdated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("sends CloudEvents arrays with the keys of Intuit's created and merged examples", async () => {
    const { t, receiver } = await setup({ format: "cloudevents" });
    const id = await createCustomer(t, "Cloud Ltd");
    logChange(realmContext(t.sim.core, t.realm), entityByName("Customer")!, id, "Merge", "27");
    await t.sim.webhooks.flush();
    const events = bodyOf(receiver, 0) as Record<string, unknown>[];
    expect(events).toHaveLength(2);
    expect(sorted([events[0]])).toEqual(sorted(fixture("qbo-webhooks/cloudevents/intuit_blog_2025_cloudevents_example.json")));
    expect(sorted([events[1]])).toEqual(sorted(fixture("qbo-webhooks/cloudevents/intuit_docs_customer_merged_example.json")));
    expect(events[0]).toMatchObject({ type: "qbo.customer.created.v1", intuitentityid: id, intuitaccountid: t.realm.realmId, data: {} });
    expect(events[1]).toMatchObject({ type: "qbo.customer.merged.v1", data: { deletedid: "27" } });
    expect(events[0]!.source).toBe(events[1]!.source);
  });

  it("groups the changes made within the interval into one delivery, and starts a new group after it", async () => {
    const { t, receiver } = await setup({ intervalMs: 60_000 });
    await createCustomer(t, "Group One");
    await createCustomer(t, "Group Two");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.received).toHaveLength(0);
    t.sim.clock.advance(60_000);
    await receiver.waitFor(1);
    expect(bodyOf(receiver, 0).eventNotifications[0].dataChangeEvent.entities).toHaveLength(2);
    await createCustomer(t, "Group Three");
    t.sim.clock.advance(60_000);
    await receiver.waitFor(2);
    expect(bodyOf(receiver, 1).eventNotifications[0].dataChangeEvent.entities).toHaveLength(1);
    expect(deliveriesOf(t).map((d) => d.entityCount)).toEqual([2, 1]);
  });

  it("puts several realms into one legacy delivery, one notification per realm", async () => {
    const { t, receiver } = await setup();
    const other = t.sim.createCompany({ name: "Second Company" });
    grant(t, TEST_APP.clientId, other.realmId);
    await createCustomer(t, "First Realm Customer");
    logChange(realmContext(t.sim.core, other), entityByName("Invoice")!, "12", "Void");
    await t.sim.webhooks.flush();
    const notes = bodyOf(receiver, 0).eventNotifications as { realmId: string }[];
    expect(notes.map((n) => n.realmId)).toEqual([t.realm.realmId, other.realmId]);
    expect(deliveriesOf(t)[0]!.realmIds).toEqual([t.realm.realmId, other.realmId]);
  });

  it("retries a failing endpoint after 10 s then 20 s, holding later deliveries until it succeeds", async () => {
    const { t, receiver } = await setup({ intervalMs: 1_000 });
    // The sim clock all but stopped (1 s of sim time per 1,000 s of real time) and moved by advance() alone: the
    // waits below are then the notifier's, whatever the machine's load adds to each attempt in real time.
    t.sim.clock.set({ speed: 0.001 });
    receiver.mode = "fail";
    await createCustomer(t, "Retry One");
    t.sim.clock.advance(1_000);
    await until(() => deliveriesOf(t)[0]?.attempts.length === 1);
    const first = deliveriesOf(t)[0]!;
    expect(first).toMatchObject({ status: "retrying", attempts: [{ status: 500, error: "HTTP 500" }] });
    const firstAt = Date.parse(first.attempts[0]!.at);
    expect(Date.parse(first.nextAttemptAt!) - firstAt).toBeGreaterThanOrEqual(10_000);
    expect(Date.parse(first.nextAttemptAt!) - firstAt).toBeLessThan(11_000);

    // A later change is grouped and queued, but not sent while the first delivery is failing.
    await createCustomer(t, "Retry Two");
    t.sim.clock.advance(1_000);
    await until(() => deliveriesOf(t).length === 2);
    t.sim.clock.advance(7_500);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received).toHaveLength(1);

    t.sim.clock.advance(2_000);
    await until(() => deliveriesOf(t)[0]!.attempts.length === 2);
    const second = deliveriesOf(t)[0]!;
    const secondAt = Date.parse(second.attempts[1]!.at);
    expect(secondAt - firstAt).toBeGreaterThanOrEqual(10_000);
    expect(Date.parse(second.nextAttemptAt!) - secondAt).toBeGreaterThanOrEqual(20_000);
    expect(Date.parse(second.nextAttemptAt!) - secondAt).toBeLessThan(21_000);
    expect(receiver.received).toHaveLength(2);
    expect(deliveriesOf(t)[1]).toMatchObject({ status: "pending", attempts: [] });

    receiver.mode = "ok";
    t.sim.clock.advance(20_500);
    await receiver.waitFor(4);
    await until(() => deliveriesOf(t).every((d) => d.status === "delivered"));
    const [one, two] = deliveriesOf(t);
    expect(one!.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(two!.attempts.map((a) => a.status)).toEqual([200]);
    // In order: the held delivery arrives only after the first one went through.
    expect(receiver.received.slice(2).map((r) => r.body.toString("utf8"))).toEqual([one!.body, two!.body]);
  });

  it("flush() tries a waiting delivery at once, ignoring its retry wait", async () => {
    const { t, receiver } = await setup();
    receiver.mode = "fail";
    await createCustomer(t, "Impatient Ltd");
    await t.sim.webhooks.flush();
    expect(deliveriesOf(t)[0]).toMatchObject({ status: "retrying", attempts: [{ status: 500 }] });
    receiver.mode = "ok";
    await t.sim.webhooks.flush();
    expect(deliveriesOf(t)[0]).toMatchObject({ status: "delivered", attempts: [{ status: 500 }, { status: 200 }] });
    expect(deliveriesOf(t)[0]!.nextAttemptAt).toBeUndefined();
  });

  it("gives up after three days of 6-hourly retries, then sends the app's later deliveries", async () => {
    const { t, receiver } = await setup({ intervalMs: 1_000 });
    const doomedId = await createCustomer(t, "Doomed Ltd");
    receiver.failWhen = (body) => body.includes(`"id":"${doomedId}"`);
    t.sim.clock.advance(1_000);
    await until(() => deliveriesOf(t)[0]?.attempts.length === 1);
    await createCustomer(t, "Survivor Ltd");
    t.sim.clock.advance(1_000);
    for (let attempt = 2; attempt <= 20; attempt++) {
      const next = Date.parse(deliveriesOf(t)[0]!.nextAttemptAt!);
      t.sim.clock.advance(next - t.sim.clock.now() + 1);
      await until(() => deliveriesOf(t)[0]!.attempts.length === attempt);
    }
    await until(() => deliveriesOf(t)[1]!.status === "delivered");
    const [doomed, survivor] = deliveriesOf(t);
    expect(doomed).toMatchObject({ status: "failed", reason: "gave up after 20 attempts" });
    expect(doomed!.nextAttemptAt).toBeUndefined();
    const span = Date.parse(doomed!.attempts[19]!.at) - Date.parse(doomed!.attempts[0]!.at);
    // 10 s + 20 s + 30 s + 5 min + 20 min + 2 h + 4 h + 12 x 6 h, plus the test's own steps.
    expect(span / 3600_000).toBeCloseTo(6 + 25 / 60 + 1 / 60 + 72, 0);
    expect(survivor!.attempts.map((a) => a.status)).toEqual([200]);
  });

  it("counts a receiver that does not answer within 3 seconds as a failure", async () => {
    const { t, receiver } = await setup();
    receiver.mode = "hang";
    await createCustomer(t, "Slow Ltd");
    const started = Date.now();
    await t.sim.webhooks.flush();
    // It waited the 3 s out (a lower bound holds on a busy machine too); that the 3 s timeout is what ended the
    // wait, and not something later, the recorded error says.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    const [delivery] = deliveriesOf(t);
    expect(delivery).toMatchObject({ status: "retrying" });
    expect(delivery!.attempts[0]!.error).toBe("timeout: no answer within 3000 ms");
    expect(delivery!.attempts[0]!.status).toBeUndefined();
  });

  it("records a refused connection as a failure without crashing", async () => {
    const { t, receiver } = await setup();
    await receiver.close();
    await createCustomer(t, "Nobody Home");
    await t.sim.webhooks.flush();
    const [delivery] = deliveriesOf(t);
    expect(delivery).toMatchObject({ status: "retrying" });
    expect(delivery!.attempts[0]!.error).toMatch(/^network error/);
    expect((await t.api("GET", "/companyinfo/" + t.realm.realmId)).status).toBe(200);
  });

  it("tells nothing to apps without a live grant for the realm, and skips apps without a verifier token", async () => {
    const { t, receiver } = await setup();
    const stranger = await startReceiver();
    const revoked = await startReceiver();
    const unsigned = await startReceiver();
    cleanups.push(stranger.close, revoked.close, unsigned.close);
    t.sim.registerApp({ clientId: "stranger", clientSecret: "s", webhookUrl: stranger.url, verifierToken: "v" });
    t.sim.registerApp({ clientId: "revoked", clientSecret: "s", webhookUrl: revoked.url, verifierToken: "v" });
    grant(t, "revoked", t.realm.realmId, true);
    t.sim.registerApp({ clientId: "unsigned", clientSecret: "s", webhookUrl: unsigned.url, verifierToken: null });
    grant(t, "unsigned");
    await createCustomer(t, "Private Ltd");
    await t.sim.webhooks.flush();
    expect(receiver.received).toHaveLength(1);
    expect(stranger.received).toHaveLength(0);
    expect(revoked.received).toHaveLength(0);
    expect(unsigned.received).toHaveLength(0);
    expect(deliveriesOf(t, "stranger")).toEqual([]);
    expect(deliveriesOf(t, "revoked")).toEqual([]);
    expect(deliveriesOf(t, "unsigned")).toMatchObject([{ status: "skipped", reason: "skipped: no verifier token", signature: null, attempts: [] }]);
  });

  it("sends nothing after stop", async () => {
    const { t, receiver } = await setup({ intervalMs: 1_000 });
    await createCustomer(t, "Late Ltd");
    t.sim.webhooks.stop();
    t.sim.clock.advance(5_000);
    await t.sim.webhooks.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.received).toHaveLength(0);
    expect(t.sim.webhooks.deliveries()).toEqual([]);
  });

  it("serves the log and flush through the control API", async () => {
    const { t, receiver } = await setup();
    await createCustomer(t, "Control Ltd");
    const flushed = await fetch(`${t.sim.url}/_sim/webhooks/flush`, { method: "POST" });
    expect(flushed.status).toBe(200);
    expect(receiver.received).toHaveLength(1);
    const listed = (await (await fetch(`${t.sim.url}/_sim/webhooks/deliveries`)).json()) as { deliveries: { status: string }[] };
    expect(listed.deliveries.map((d) => d.status)).toEqual(["delivered"]);
  });
});
