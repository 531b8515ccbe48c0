// Webhooks as QuickBooks sends them. Each change to a realm goes to every app that has a webhook URL and a
// live grant for that realm. Changes are grouped per app for `intervalMs` of sim time (production batches
// every 1 to 5 minutes), then sent as one signed POST. A failed delivery is retried on QuickBooks' schedule,
// and the app's later deliveries wait behind it, so each app sees its notifications strictly in order.
// Everything runs on the sim clock, so tests can jump through hours of retries with `clock.advance()`.
import type { SimCore } from "../core";
import type { App, Change, WebhookFormat } from "../state";
import { webhookBody, type RealmChange } from "./payload";
import { retryDelayMs } from "./retry";
import { postWebhook, SEND_TIMEOUT_MS } from "./send";
import { signWebhook } from "./signature";

export type DeliveryStatus = "pending" | "retrying" | "delivered" | "failed" | "skipped";

export type DeliveryAttempt = { at: string; status?: number; error?: string };

export type WebhookDelivery = {
  id: string;
  clientId: string;
  url: string;
  format: WebhookFormat;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  /** When the next retry is due (sim time, ISO), while `retrying`. */
  nextAttemptAt?: string;
  /** The exact string sent (and signed). */
  body: string;
  /** The `intuit-signature` header; null when the delivery was skipped unsigned. */
  signature: string | null;
  realmIds: string[];
  entityCount: number;
  /** Why a delivery was skipped or gave up. */
  reason?: string;
};

export type NotifierOptions = { intervalMs: number; sendTimeoutMs?: number };

/** Changes waiting for an app's grouping interval to end. */
type Group = { changes: RealmChange[]; timer: number };

/** When a waiting delivery's retry is due (sim ms), and the number of the attempt that failed last. */
type Wait = { nextAt: number; failedSeq: number };

/** One app's deliveries in order; only the head is ever being sent. `chain` serialises the sending runs. */
type Lane = { queue: WebhookDelivery[]; waits: Map<string, Wait>; chain: Promise<void>; timer: number | null };

const LOG_SIZE = 1_000;

export class WebhookNotifier {
  private groups = new Map<string, Group>();
  private lanes = new Map<string, Lane>();
  private log: WebhookDelivery[] = [];
  private nextId = 1;
  /** Counts finished attempts, so `flush()` can tell a failure from before it from one it caused. */
  private finished = 0;
  private stopped = false;
  private abort = new AbortController();

  constructor(
    private core: SimCore,
    private options: NotifierOptions,
  ) {}

  /** Called for every committed change (CDC-visible entities only). Never throws into the REST request. */
  onChange(realmId: string, change: Change): void {
    if (this.stopped) return;
    try {
      for (const app of this.subscribers(realmId)) {
        const open = this.groups.get(app.clientId);
        if (open) {
          open.changes.push({ realmId, change: { ...change } });
          continue;
        }
        // The group is in the map before its timer exists: an interval of 0 closes it inside `after()`.
        const group: Group = { changes: [{ realmId, change: { ...change } }], timer: 0 };
        this.groups.set(app.clientId, group);
        group.timer = this.core.clock.after(this.options.intervalMs, () => this.closeGroup(app.clientId));
      }
    } catch (error) {
      console.error("[qbo-sim] webhook grouping failed:", error);
    }
  }

  /** The delivery log, newest last (the last 1,000), as copies. */
  deliveries(): WebhookDelivery[] {
    return this.log.map((d) => ({ ...d, attempts: d.attempts.map((a) => ({ ...a })), realmIds: [...d.realmIds] }));
  }

  /** Closes open groups now and attempts every waiting delivery at once, ignoring retry waits. */
  async flush(): Promise<void> {
    if (this.stopped) return;
    // Deliveries that failed before this call are tried once more now; one already in flight (or that fails
    // during this flush) keeps its retry schedule rather than being hammered twice.
    const mark = this.finished;
    for (const clientId of [...this.groups.keys()]) this.closeGroup(clientId);
    await Promise.all([...this.lanes.keys()].map((clientId) => this.drive(clientId, mark)));
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
    for (const group of this.groups.values()) this.core.clock.cancel(group.timer);
    this.groups.clear();
    for (const lane of this.lanes.values()) {
      if (lane.timer !== null) this.core.clock.cancel(lane.timer);
      lane.timer = null;
    }
  }

  /** Apps Intuit would notify: a webhook URL and a refresh token for this realm not yet rotated away or revoked. */
  private subscribers(realmId: string): App[] {
    const apps = Object.values(this.core.state.apps).filter((app) => app.webhookUrl);
    if (apps.length === 0) return [];
    const granted = new Set<string>();
    for (const token of Object.values(this.core.state.refreshTokens)) {
      if (token.realmId === realmId && !token.invalidated) granted.add(token.clientId);
    }
    return apps.filter((app) => granted.has(app.clientId));
  }

  private closeGroup(clientId: string): void {
    const group = this.groups.get(clientId);
    if (!group) return;
    this.groups.delete(clientId);
    this.core.clock.cancel(group.timer);
    try {
      const delivery = this.build(clientId, group.changes);
      this.record(delivery);
      if (delivery.status !== "pending") return;
      this.lane(clientId).queue.push(delivery);
      void this.drive(clientId, null);
    } catch (error) {
      console.error("[qbo-sim] webhook delivery could not be built:", error);
    }
  }

  /** The app's settings are read when the group closes: a URL or token changed later applies to later groups. */
  private build(clientId: string, changes: RealmChange[]): WebhookDelivery {
    const app = this.core.state.apps[clientId];
    const format = app?.webhookFormat ?? "cloudevents";
    const body = webhookBody(format, clientId, changes);
    const base = {
      id: `wh-${this.nextId++}`,
      clientId,
      url: app?.webhookUrl ?? "",
      format,
      attempts: [],
      body,
      realmIds: [...new Set(changes.map((c) => c.realmId))],
      entityCount: changes.length,
    };
    if (!app?.webhookUrl) return { ...base, status: "skipped", signature: null, reason: "skipped: no webhook URL" };
    // QuickBooks always signs; an app without a verifier token cannot check anything, so nothing is sent.
    if (!app.verifierToken) return { ...base, status: "skipped", signature: null, reason: "skipped: no verifier token" };
    return { ...base, status: "pending", signature: signWebhook(body, app.verifierToken) };
  }

  private record(delivery: WebhookDelivery): void {
    this.log.push(delivery);
    if (this.log.length > LOG_SIZE) this.log.splice(0, this.log.length - LOG_SIZE);
  }

  private lane(clientId: string): Lane {
    let lane = this.lanes.get(clientId);
    if (!lane) {
      lane = { queue: [], waits: new Map(), chain: Promise.resolve(), timer: null };
      this.lanes.set(clientId, lane);
    }
    return lane;
  }

  /**
   * Queues a sending run behind any run in progress, so one app never has two deliveries in flight.
   * `flushMark` (from `flush()`) ignores the retry wait of deliveries whose last failure came before it.
   */
  private drive(clientId: string, flushMark: number | null): Promise<void> {
    const lane = this.lane(clientId);
    lane.chain = lane.chain
      .then(() => this.run(clientId, lane, flushMark))
      .catch((error: unknown) => console.error("[qbo-sim] webhook sending failed:", error));
    return lane.chain;
  }

  /** Sends the app's deliveries in order until one fails (then waits for its retry) or none are left. */
  private async run(clientId: string, lane: Lane, flushMark: number | null): Promise<void> {
    const clock = this.core.clock;
    while (!this.stopped) {
      const head = lane.queue[0];
      if (!head) return;
      const wait = lane.waits.get(head.id);
      const forced = wait !== undefined && flushMark !== null && wait.failedSeq <= flushMark;
      if (wait && !forced && wait.nextAt > clock.now()) return this.wake(clientId, lane, wait.nextAt);
      if (lane.timer !== null) clock.cancel(lane.timer);
      lane.timer = null;

      const startedAt = clock.now();
      const result = await postWebhook(head.url, head.body, head.signature ?? "", this.abort.signal, this.options.sendTimeoutMs ?? SEND_TIMEOUT_MS);
      if (this.stopped) return;
      const seq = ++this.finished;
      head.attempts.push({
        at: new Date(startedAt).toISOString(),
        ...(result.status !== undefined ? { status: result.status } : {}),
        ...(result.error !== undefined ? { error: result.error } : {}),
      });
      const delay = result.ok ? null : retryDelayMs(head.attempts.length);
      if (result.ok || delay === null) {
        head.status = result.ok ? "delivered" : "failed";
        if (!result.ok) head.reason = `gave up after ${head.attempts.length} attempts`;
        delete head.nextAttemptAt;
        lane.waits.delete(head.id);
        lane.queue.shift();
        continue;
      }
      const nextAt = clock.now() + delay;
      head.status = "retrying";
      head.nextAttemptAt = new Date(nextAt).toISOString();
      lane.waits.set(head.id, { nextAt, failedSeq: seq });
      return this.wake(clientId, lane, nextAt);
    }
  }

  private wake(clientId: string, lane: Lane, at: number): void {
    if (lane.timer !== null) this.core.clock.cancel(lane.timer);
    // The clock may fire this inside `at()` when the time has already come; `drive` is asynchronous anyway.
    lane.timer = this.core.clock.at(at, () => {
      lane.timer = null;
      void this.drive(clientId, null);
    });
  }
}
