import type { Delivery } from "./deliveries";

// Delivers webhooks the way Stripe and Shopify do: a POST per notification, success meaning any 2xx answer,
// and a failed attempt (another status, a timeout, a refused connection) retried with exponential backoff.
// The real senders spread retries over days (Stripe) or hours (Shopify); the demo compresses that to seconds
// and gives up after five retries, then counts the notification as failed.

export type SenderStats = {
  /** Notifications handed over (each counted once, however many attempts it took). */
  sent: number;
  attempts: number;
  /** Answered 2xx, duplicates included. */
  acknowledged: number;
  /** Answered 2xx with `"duplicate": true`: the app already had it. */
  duplicates: number;
  retried: number;
  /** Given up on after the last retry. */
  failed: number;
  inFlight: number;
};

export type SenderOptions = {
  appUrl: string;
  log?: (line: string) => void;
  /** Log every delivery (else only failures); a busy benchmark would drown in lines. */
  verbose?: boolean;
  /** Waits before retries 1..5; ±20 % jitter is added, as real senders spread retries. */
  retryDelaysMs?: readonly number[];
  timeoutMs?: number;
};

const DEFAULT_RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000];

export class DeliverySender {
  private readonly counts: Omit<SenderStats, "inFlight"> = { sent: 0, attempts: 0, acknowledged: 0, duplicates: 0, retried: 0, failed: 0 };
  private readonly pending = new Set<Promise<void>>();
  /** Retries waiting for their time, with how to wake each: true to go on, false to give up. */
  private readonly waiting = new Map<NodeJS.Timeout, (go: boolean) => void>();
  private stopped = false;
  private readonly appUrl: string;
  private readonly delays: readonly number[];

  constructor(private readonly options: SenderOptions) {
    this.appUrl = options.appUrl.replace(/\/$/, "");
    this.delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  }

  /**
   * Sends one notification until it is acknowledged or retries run out. `build` is called per attempt, so a
   * Stripe delivery is signed afresh each time; `label` names it in the log.
   */
  send(label: string, build: () => Delivery): Promise<void> {
    this.counts.sent++;
    const run = this.attempt(label, build, 0).finally(() => this.pending.delete(run));
    this.pending.add(run);
    return run;
  }

  stats(): SenderStats {
    return { ...this.counts, inFlight: this.pending.size };
  }

  /** Waits for every notification handed over so far to be acknowledged or given up. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Cancels waiting retries (counted as failed) and lets attempts on the wire finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const [timer, wake] of this.waiting) {
      clearTimeout(timer);
      wake(false);
    }
    this.waiting.clear();
    await this.drain();
  }

  private async attempt(label: string, build: () => Delivery, retry: number): Promise<void> {
    const delivery = build();
    this.counts.attempts++;
    const started = Date.now();
    let problem: string;
    try {
      const response = await fetch(`${this.appUrl}${delivery.path}`, {
        method: "POST",
        headers: delivery.headers,
        body: delivery.body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
      const text = await response.text();
      if (response.ok) {
        const duplicate = /"duplicate"\s*:\s*true/.test(text);
        this.counts.acknowledged++;
        if (duplicate) this.counts.duplicates++;
        if (this.options.verbose) this.log(`${label} -> ${response.status}${duplicate ? " (duplicate)" : ""} in ${Date.now() - started} ms`);
        return;
      }
      problem = `HTTP ${response.status} ${text.slice(0, 200)}`;
    } catch (error) {
      // fetch says only "fetch failed"; the reason (ECONNREFUSED, a timeout) is its cause.
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message}` : "";
      problem = error instanceof Error ? `${error.name}: ${error.message}${cause}` : String(error);
    }
    const delay = this.delays[retry];
    if (delay === undefined || this.stopped) {
      this.counts.failed++;
      this.log(`${label} failed after ${retry + 1} attempt(s), giving up: ${problem}`);
      return;
    }
    this.counts.retried++;
    const wait = Math.round(delay * (0.8 + Math.random() * 0.4));
    this.log(`${label} attempt ${retry + 1} failed (${problem}); retrying in ${(wait / 1000).toFixed(1)} s`);
    const go = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(timer);
        resolve(true);
      }, wait);
      this.waiting.set(timer, resolve);
    });
    if (!go) {
      this.counts.failed++;
      return;
    }
    return this.attempt(label, build, retry + 1);
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}
