import { db } from "../db";
import { qboClientFor } from "../qbo/connection-client";
import { claimReadyPostings, nextDueInMs, type ClaimedPosting } from "./claim-postings";
import { chooseWriteMode, claimSize, type BudgetLeft } from "./choose-write-mode";
import { settleShadowed } from "./shadow";
import { emptyTally, prepare, sendBatch, sendSingle, type Prepared, type RoundTally, type SendContext } from "./send-postings";

// One round of draining a QuickBooks company: claim what is ready, send it (one batch, or single calls one
// after another), record each answer. Safe to run in any number of processes at once: claims never overlap.
// The drainer function (inngest/functions/drain-postings.ts) runs rounds until nothing is ready.

export type DrainOptions = {
  /** The shared budget's view of this company's minute; null when not known (then batches are tried). */
  budget?: (realmId: string) => Promise<BudgetLeft | null>;
  leaseMs?: number;
  now?: Date;
  fetch?: typeof fetch;
  afterSend?: SendContext["afterSend"];
};

export type DrainResult = RoundTally & { claimed: number; blocked?: string; nextDueInMs: number | null };

export async function drainConnection(qboConnectionId: string, options: DrainOptions = {}): Promise<DrainResult> {
  const connection = await db.qboConnection.findUnique({
    where: { id: qboConnectionId },
    select: { id: true, workspaceId: true, realmId: true, status: true, shadowMode: true, homeCurrency: true, multicurrencyEnabled: true, workspace: { select: { duplicateDocNumbers: true } } },
  });
  const tally = emptyTally();
  if (!connection) return { ...tally, claimed: 0, blocked: "MISSING", nextDueInMs: null };
  // A connection that needs reconnecting, or is gone, is not called: its postings wait (and the exception
  // the token manager opened says what to do).
  if (connection.status === "NEEDS_RECONNECT" || connection.status === "DISCONNECTED") return { ...tally, claimed: 0, blocked: connection.status, nextDueInMs: null };

  const budget = options.budget ? await options.budget(connection.realmId) : null;
  if (budget?.blockedForMs && budget.blockedForMs > 0) return { ...tally, claimed: 0, blocked: "THROTTLED", nextDueInMs: budget.blockedForMs };
  const claimed = await claimReadyPostings(qboConnectionId, { limit: claimSize(budget), leaseMs: options.leaseMs, now: options.now });
  if (claimed.length === 0) return { ...tally, claimed: 0, nextDueInMs: await nextDueInMs(qboConnectionId, options.now) };
  if (connection.shadowMode) {
    await settleShadowed(claimed);
    return { ...tally, claimed: claimed.length, nextDueInMs: 0 };
  }

  const tids = new Map<string, string>();
  const client = await qboClientFor(qboConnectionId, { fetch: capturingTids(tids, options.fetch ?? fetch) });
  const ctx: SendContext = { client, company: connection, docNumbers: connection.workspace.duplicateDocNumbers === "SUFFIX" ? "SUFFIX" : "ALLOW", tids, afterSend: options.afterSend };

  const prepared: Prepared[] = [];
  for (const posting of claimed) {
    const item = await prepare(ctx, posting, tally);
    if (item) prepared.push(item);
  }
  // A single write whose answer was lost goes again as a single, with its requestid: QuickBooks replays it.
  const mustBeSingle = (p: ClaimedPosting) => p.sentAt !== null && p.sentVia === "single";
  const singles = prepared.filter((p) => mustBeSingle(p.posting));
  const rest = prepared.filter((p) => !mustBeSingle(p.posting));
  if (chooseWriteMode(rest.length, budget).mode === "batch") await sendBatch(ctx, rest, tally);
  else singles.push(...rest);
  for (const item of singles) await sendSingle(ctx, item, tally);
  return { ...tally, claimed: claimed.length, nextDueInMs: 0 };
}

/** Keeps the intuit_tid of each write's answer, by its requestid ("batch" for the last batch call). */
function capturingTids(tids: Map<string, string>, inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const tid = response.headers.get("intuit_tid");
    if (tid) {
      const requestId = url.searchParams.get("requestid");
      if (url.pathname.endsWith("/batch")) tids.set("batch", tid);
      else if (requestId) tids.set(requestId, tid);
    }
    return response;
  };
}
