import type Stripe from "stripe";

// Every balance transaction the Stripe generator mentions, so the Stripe API stand-in can serve it when the app
// fetches fees (GET /v1/balance_transactions/:id) or a payout's contents (?payout=po_…). Objects are stored as
// Stripe would return them at the time of the request: a transaction turns "available" once a payout takes it.

export class StripeLedger {
  private readonly transactions = new Map<string, Stripe.BalanceTransaction>();
  private readonly payouts = new Map<string, string[]>();

  record(transaction: Stripe.BalanceTransaction): void {
    this.transactions.set(transaction.id, transaction);
  }

  get(id: string): Stripe.BalanceTransaction | undefined {
    return this.transactions.get(id);
  }

  /** Marks the transactions as paid out by `payoutId`, its own withdrawal included, as Stripe lists them. */
  settle(payoutId: string, ids: readonly string[]): void {
    for (const id of ids) {
      const transaction = this.transactions.get(id);
      if (transaction) transaction.status = "available";
    }
    this.payouts.set(payoutId, [...ids]);
  }

  /** A payout's transactions, newest first as Stripe lists them; undefined for a payout it never made. */
  listPayout(payoutId: string): Stripe.BalanceTransaction[] | undefined {
    const ids = this.payouts.get(payoutId);
    if (!ids) return undefined;
    return ids.flatMap((id) => this.transactions.get(id) ?? []).sort(newestFirst);
  }

  /** Every transaction, newest first (GET /v1/balance_transactions without a filter). */
  list(): Stripe.BalanceTransaction[] {
    return [...this.transactions.values()].sort(newestFirst);
  }

  get size(): number {
    return this.transactions.size;
  }
}

function newestFirst(a: Stripe.BalanceTransaction, b: Stripe.BalanceTransaction): number {
  return b.created - a.created || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
