import { z } from "zod";
import { db } from "../../db";
import type { QboBudget } from "./index";
import { createQboBudget } from "./budget";

// One budget per process over the app's database; the state it guards is shared through PostgreSQL.
const globalForBudget = globalThis as unknown as { ledgerwireQboBudget?: QboBudget };

/**
 * QBO_BUDGET_WINDOW_MS shortens the budget's minute to match a QuickBooks simulator whose clock runs faster
 * (bench/drain: speed 4 -> 15000). Never set against the real QuickBooks. Parsed here rather than in
 * lib/env.ts because only benchmarks set it.
 */
const WindowSchema = z.coerce.number().int().min(1_000).max(60_000).default(60_000);

export function sharedQboBudget(): QboBudget {
  if (globalForBudget.ledgerwireQboBudget) return globalForBudget.ledgerwireQboBudget;
  const parsed = WindowSchema.safeParse(process.env.QBO_BUDGET_WINDOW_MS || undefined);
  if (!parsed.success) throw new Error("Invalid environment: QBO_BUDGET_WINDOW_MS expects a whole number of milliseconds from 1000 to 60000.");
  return (globalForBudget.ledgerwireQboBudget = createQboBudget({ db, windowMs: parsed.data }));
}
