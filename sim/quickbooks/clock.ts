// The simulator's clock. Tokens expire, rate-limit windows roll, webhook retries wait and CDC looks back on
// this clock, not the wall clock, so tests can jump ahead (`advance`) and benchmarks can run time faster
// (`speed`: 60 makes a minute pass in a second).

type Timer = { at: number; fn: () => void; id: number };

export class SimClock {
  private baseSim: number;
  private baseReal: number;
  private rate: number;
  private timers: Timer[] = [];
  private nextTimerId = 1;
  private wake: NodeJS.Timeout | null = null;

  constructor(options: { now?: number; speed?: number } = {}) {
    this.baseReal = Date.now();
    this.baseSim = options.now ?? this.baseReal;
    this.rate = options.speed ?? 1;
  }

  now(): number {
    return this.baseSim + (Date.now() - this.baseReal) * this.rate;
  }

  get speed(): number {
    return this.rate;
  }

  /** Sets the current sim time and/or speed; pending timers are re-planned against the new clock. */
  set(options: { now?: number; speed?: number }): void {
    const current = this.now();
    this.baseReal = Date.now();
    this.baseSim = options.now ?? current;
    if (options.speed !== undefined) {
      if (!(options.speed > 0)) throw new RangeError("speed must be greater than 0");
      this.rate = options.speed;
    }
    this.plan();
  }

  advance(ms: number): void {
    this.set({ now: this.now() + ms });
  }

  /** Runs `fn` once the sim clock reaches `at` (sim milliseconds). Returns a handle for `cancel`. */
  at(at: number, fn: () => void): number {
    const id = this.nextTimerId++;
    this.timers.push({ at, fn, id });
    this.timers.sort((a, b) => a.at - b.at);
    this.plan();
    return id;
  }

  after(ms: number, fn: () => void): number {
    return this.at(this.now() + ms, fn);
  }

  cancel(id: number): void {
    this.timers = this.timers.filter((t) => t.id !== id);
    this.plan();
  }

  /** Stops all pending timers (used when the simulator stops). */
  dispose(): void {
    this.timers = [];
    if (this.wake) clearTimeout(this.wake);
    this.wake = null;
  }

  private plan(): void {
    if (this.wake) clearTimeout(this.wake);
    this.wake = null;
    const due: Timer[] = [];
    const now = this.now();
    while (this.timers[0] && this.timers[0].at <= now) due.push(this.timers.shift()!);
    for (const timer of due) timer.fn();
    const next = this.timers[0];
    if (!next) return;
    const realDelay = Math.max(0, Math.ceil((next.at - this.now()) / this.rate));
    // Timers run at most every 24 days of real time; Node's timers overflow beyond 2^31-1 ms.
    this.wake = setTimeout(() => this.plan(), Math.min(realDelay, 2 ** 31 - 1));
    this.wake.unref();
  }
}

/** QuickBooks writes times in the company's offset: `2017-03-14T11:24:36-07:00` (MetaData) or with millis (`time`). */
export function formatQboTime(ms: number, offsetMinutes: number, withMillis = false): string {
  const shifted = new Date(ms + offsetMinutes * 60_000).toISOString();
  const body = withMillis ? shifted.slice(0, 23) : shifted.slice(0, 19);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${body}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** The company's calendar date (YYYY-MM-DD) at a sim instant: default `TxnDate`. */
export function qboDate(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}
