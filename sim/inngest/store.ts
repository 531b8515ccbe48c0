import pg from "pg";
import type { RegisterBody } from "./registration";
import type { InngestEvent, RunStatus } from "./runs";

// The executor's durable state in PostgreSQL, when it is given a database: its own schema and tables, created
// here (no Prisma migration; the executor stays independent of the app). Plain SQL through `pg`:
// - events: every accepted event id for 24 h (dedup across restarts);
// - apps: each app's last registration, so functions are known before the app syncs again;
// - runs: each run's state as JSON (trigger events, memoised steps, sleeps and waits with their deadlines);
// - idempotency: claimed idempotency keys for 24 h.
// An event is acknowledged only once it and the runs it starts are committed (see Executor.send).

export type StoredRun = { id: string; functionId: string; status: RunStatus; state: Record<string, unknown> };

export class RunStore {
  private readonly pool: pg.Pool;
  private readonly s: string;
  private dirty = new Map<string, () => StoredRun>();
  private flushing: Promise<void> | null = null;
  private scheduled = false;
  private failures = 0;
  private closed = false;

  constructor(
    databaseUrl: string,
    schema: string,
    private readonly log: (message: string) => void,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid executor schema name "${schema}"`);
    this.s = `"${schema}"`;
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    this.pool.on("error", (error) => this.log(`executor database: ${error.message}`));
  }

  async open(): Promise<void> {
    const s = this.s;
    const client = await this.pool.connect();
    try {
      // Two executors starting at once on one database would race on CREATE: serialise them.
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`inngest-local:${s}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${s}.events (
        id text PRIMARY KEY, name text NOT NULL, body jsonb NOT NULL, expires_at timestamptz NOT NULL)`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${s}.apps (
        app_name text PRIMARY KEY, registration jsonb NOT NULL, synced_at timestamptz NOT NULL)`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${s}.runs (
        id text PRIMARY KEY, function_id text NOT NULL, status text NOT NULL, state jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now())`);
      await client.query(`CREATE INDEX IF NOT EXISTS runs_status ON ${s}.runs (status, updated_at)`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${s}.idempotency (key text PRIMARY KEY, expires_at timestamptz NOT NULL)`);
      await client.query(`DELETE FROM ${s}.events WHERE expires_at <= now()`);
      await client.query(`DELETE FROM ${s}.idempotency WHERE expires_at <= now()`);
      await client.query(`DELETE FROM ${s}.runs WHERE status IN ('completed', 'failed', 'cancelled') AND updated_at < now() - interval '7 days'`);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async loadApps(): Promise<RegisterBody[]> {
    const { rows } = await this.pool.query<{ registration: RegisterBody }>(`SELECT registration FROM ${this.s}.apps ORDER BY synced_at`);
    return rows.map((r) => r.registration);
  }

  async saveApp(body: RegisterBody): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.s}.apps (app_name, registration, synced_at) VALUES ($1, $2, now())
       ON CONFLICT (app_name) DO UPDATE SET registration = excluded.registration, synced_at = now()`,
      [body.appName, JSON.stringify(body)],
    );
  }

  async loadIdempotencyKeys(): Promise<{ key: string; until: number }[]> {
    const { rows } = await this.pool.query<{ key: string; until: Date }>(
      `SELECT key, expires_at AS until FROM ${this.s}.idempotency WHERE expires_at > now()`,
    );
    return rows.map((r) => ({ key: r.key, until: r.until.getTime() }));
  }

  /** Runs not finished, and the latest `recent` finished ones (for the status page). */
  async loadRuns(recent: number): Promise<StoredRun[]> {
    const { rows } = await this.pool.query<{ id: string; function_id: string; status: RunStatus; state: Record<string, unknown> }>(
      `(SELECT id, function_id, status, state, updated_at FROM ${this.s}.runs WHERE status NOT IN ('completed', 'failed', 'cancelled'))
       UNION ALL
       (SELECT id, function_id, status, state, updated_at FROM ${this.s}.runs WHERE status IN ('completed', 'failed', 'cancelled')
        ORDER BY updated_at DESC LIMIT $1)
       ORDER BY updated_at`,
      [recent],
    );
    return rows.map((r) => ({ id: r.id, functionId: r.function_id, status: r.status, state: r.state }));
  }

  /**
   * Stores events not seen in the last 24 h and, in the same transaction, what `route` makes of the new ones
   * (the runs they start, the idempotency keys they claim). Resolves once committed, with the new events.
   */
  async accept<T extends { runs: StoredRun[]; keys: { key: string; until: number }[] }>(
    events: InngestEvent[],
    ttlMs: number,
    route: (fresh: Set<string>) => T,
  ): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO ${this.s}.events (id, name, body, expires_at)
         SELECT e->>'id', e->>'name', e, now() + $2 * interval '1 millisecond' FROM jsonb_array_elements($1::jsonb) e
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, body = excluded.body, expires_at = excluded.expires_at
           WHERE ${this.s}.events.expires_at <= now()
         RETURNING id`,
        [JSON.stringify(events), ttlMs],
      );
      const result = route(new Set(rows.map((r) => r.id)));
      if (result.runs.length > 0) await this.upsertRuns(client, result.runs);
      if (result.keys.length > 0) {
        await client.query(
          `INSERT INTO ${this.s}.idempotency (key, expires_at)
           SELECT k->>'key', to_timestamp((k->>'until')::double precision / 1000) FROM jsonb_array_elements($1::jsonb) k
           ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at`,
          [JSON.stringify(result.keys)],
        );
      }
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** Marks a run as changed: its state is written shortly (coalesced; one write at a time, in order). */
  touch(id: string, snapshot: () => StoredRun): void {
    this.dirty.set(id, snapshot);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  /** Resolves once every change marked so far is written. */
  async settle(): Promise<void> {
    while (!this.closed && (this.flushing || this.dirty.size > 0)) {
      if (this.flushing) await this.flushing;
      else await this.flush();
    }
  }

  private flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.dirty.size === 0) return Promise.resolve();
    const batch = [...this.dirty.values()].map((snapshot) => snapshot());
    this.dirty.clear();
    this.flushing = this.upsertRuns(this.pool, batch)
      .then(() => {
        this.failures = 0;
      })
      .catch((error: Error) => {
        // Keep the changes (unless newer ones replaced them) and try again shortly.
        if (this.closed) return;
        for (const run of batch) if (!this.dirty.has(run.id)) this.dirty.set(run.id, () => run);
        if (this.failures++ % 20 === 0) this.log(`could not store runs: ${error.message}; retrying`);
        return new Promise<void>((resolve) => setTimeout(resolve, Math.min(5_000, 100 * this.failures)));
      })
      .finally(() => {
        this.flushing = null;
        if (this.dirty.size > 0 && !this.closed) this.touchAgain();
      });
    return this.flushing;
  }

  private touchAgain(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async upsertRuns(client: pg.Pool | pg.PoolClient, runs: StoredRun[]): Promise<void> {
    await client.query(
      `INSERT INTO ${this.s}.runs (id, function_id, status, state, updated_at)
       SELECT r->>'id', r->>'functionId', r->>'status', r->'state', now() FROM jsonb_array_elements($1::jsonb) r
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, state = excluded.state, updated_at = now()`,
      [JSON.stringify(runs)],
    );
  }

  /** Writes what is pending (a short while at most), then closes the pool. */
  async close(): Promise<void> {
    await Promise.race([this.settle(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    this.closed = true;
    await this.pool.end();
  }
}
