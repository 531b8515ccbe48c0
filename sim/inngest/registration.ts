import { z } from "zod";
import { parseDuration } from "./durations";
import { checkExpression } from "./expressions";

// What the SDK's serve handler posts to /fn/register when it syncs (`registerBody` in the SDK), narrowed to the
// parts the executor acts on. Unknown fields pass through untouched: newer SDKs add some.

const duration = z.union([z.string(), z.number()]).transform((value, ctx) => {
  try {
    return parseDuration(value);
  } catch {
    ctx.addIssue({ code: "custom", message: `invalid duration ${JSON.stringify(value)}` });
    return z.NEVER;
  }
});

const expression = z.string().superRefine((value, ctx) => {
  try {
    checkExpression(value);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: `invalid expression "${value}": ${(error as Error).message}` });
  }
});

const concurrencyOption = z.union([
  z.number().int().positive().transform((limit) => ({ limit, key: undefined, scope: "fn" as const })),
  z.object({ limit: z.number().int().nonnegative(), key: expression.optional(), scope: z.enum(["fn", "env", "account"]).default("fn") }),
]);

const trigger = z.union([
  z.object({ event: z.string().min(1), expression: expression.optional().nullable() }),
  z.object({ cron: z.string().min(1), jitter: z.string().optional() }),
]);

const functionConfig = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  triggers: z.array(trigger).default([]),
  steps: z.record(
    z.string(),
    z.object({
      runtime: z.object({ url: z.url() }),
      retries: z.object({ attempts: z.number().int().min(0).max(20) }).optional().nullable(),
    }),
  ),
  concurrency: z.union([concurrencyOption, z.array(concurrencyOption).max(2)]).optional().nullable(),
  throttle: z
    .object({ limit: z.number().int().positive(), period: duration, burst: z.number().int().nonnegative().optional(), key: expression.optional() })
    .optional()
    .nullable(),
  rateLimit: z.object({ limit: z.number().int().positive(), period: duration, key: expression.optional() }).optional().nullable(),
  batchEvents: z
    .object({ maxSize: z.number().int().positive(), timeout: duration, key: expression.optional(), if: expression.optional() })
    .optional()
    .nullable(),
  idempotency: expression.optional().nullable(),
  debounce: z.object({ period: duration, key: expression.optional(), timeout: duration.optional() }).optional().nullable(),
  cancel: z.array(z.object({ event: z.string(), if: expression.optional(), timeout: duration.optional() })).optional().nullable(),
});

export const registerBodySchema = z.object({
  url: z.url(),
  appName: z.string().min(1),
  functions: z.array(functionConfig),
  sdk: z.string().optional(),
  framework: z.string().optional(),
});

export type RegisterBody = z.infer<typeof registerBodySchema>;
type FunctionConfig = z.infer<typeof functionConfig>;

export type EventTrigger = { event: string; expression?: string };
export type ConcurrencyLimit = { limit: number; key?: string; scope: "fn" | "env" | "account" };

/** A registered function as the executor runs it. */
export type FunctionDef = {
  id: string;
  name: string;
  appName: string;
  url: string;
  /** Attempts per step: retries + 1 (Inngest's default is 3 retries). */
  maxAttempts: number;
  events: EventTrigger[];
  crons: string[];
  concurrency: ConcurrencyLimit[];
  throttle?: { limit: number; periodMs: number; burst: number; key?: string };
  rateLimit?: { limit: number; periodMs: number; key?: string };
  batch?: { maxSize: number; timeoutMs: number; key?: string; if?: string };
  idempotency?: string;
  debounce?: { periodMs: number; key?: string; timeoutMs?: number };
  cancel: { event: string; if?: string; timeoutMs?: number }[];
};

export const DEFAULT_RETRIES = 3;

export function toFunctionDef(appName: string, config: FunctionConfig): FunctionDef {
  const step = config.steps.step ?? Object.values(config.steps)[0];
  if (!step) throw new Error(`function ${config.id} has no step`);
  const concurrency = config.concurrency ? (Array.isArray(config.concurrency) ? config.concurrency : [config.concurrency]) : [];
  const events: EventTrigger[] = [];
  const crons: string[] = [];
  for (const t of config.triggers) {
    if ("cron" in t) crons.push(t.cron);
    else events.push({ event: t.event, expression: t.expression ?? undefined });
  }
  return {
    id: config.id,
    name: config.name ?? config.id,
    appName,
    url: step.runtime.url,
    maxAttempts: (step.retries?.attempts ?? DEFAULT_RETRIES) + 1,
    events,
    crons,
    concurrency: concurrency.map((c) => ({ limit: c.limit, key: c.key, scope: c.scope })),
    throttle: config.throttle
      ? { limit: config.throttle.limit, periodMs: config.throttle.period, burst: config.throttle.burst ?? 0, key: config.throttle.key }
      : undefined,
    rateLimit: config.rateLimit ? { limit: config.rateLimit.limit, periodMs: config.rateLimit.period, key: config.rateLimit.key } : undefined,
    batch: config.batchEvents
      ? { maxSize: config.batchEvents.maxSize, timeoutMs: config.batchEvents.timeout, key: config.batchEvents.key, if: config.batchEvents.if }
      : undefined,
    idempotency: config.idempotency ?? undefined,
    debounce: config.debounce ? { periodMs: config.debounce.period, key: config.debounce.key, timeoutMs: config.debounce.timeout } : undefined,
    cancel: (config.cancel ?? []).map((c) => ({ event: c.event, if: c.if, timeoutMs: c.timeout })),
  };
}
