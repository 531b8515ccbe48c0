// Everything the simulator knows, as plain JSON-serialisable objects so it can be saved to a file and
// loaded again (`--state-file`). Times are sim-clock milliseconds.

export type EntityRecord = {
  [field: string]: unknown;
  Id: string;
  SyncToken: string;
  MetaData: { CreateTime: string; LastUpdatedTime: string };
};

export type ChangeOperation = "Create" | "Update" | "Delete" | "Void" | "Merge";

export type Change = { entity: string; id: string; operation: ChangeOperation; at: number; deletedId?: string };

/** The first answer given to a `requestid`: replayed verbatim to a retry of the same request. */
export type StoredAnswer = { status: number; body: string; at: number };

export type Realm = {
  realmId: string;
  companyName: string;
  currency: string;
  multicurrency: boolean;
  country: string;
  /** Minutes from UTC used to print times, like the company's time zone. */
  offsetMinutes: number;
  createdAt: number;
  /** Entity name -> Id -> record. */
  entities: Record<string, Record<string, EntityRecord>>;
  /** Entity name -> Id -> deletion time, for CDC's `status: "Deleted"`. */
  deleted: Record<string, Record<string, { at: number; record: EntityRecord }>>;
  /** Transactions share one Id sequence (so LinkedTxn ids are unambiguous); each name list has its own. */
  sequences: Record<string, number>;
  requests: Record<string, StoredAnswer>;
  /** Books closed through this date (YYYY-MM-DD): writes dated on or before it fail with 6210. */
  closedThrough: string | null;
  /** Reads and writes on this company; `apps` splits them by the client id of the token (absent in old state files). */
  counters: { reads: number; writes: number; apps?: Record<string, { reads: number; writes: number }> };
  changes: Change[];
  /** Exchange rates: "EUR:2025-01-31" -> rate to the home currency (a decimal string). */
  exchangeRates: Record<string, string>;
  /** Attachable Id -> the uploaded file (base64) and the secret of its download URL. */
  attachments?: Record<string, StoredFile>;
  /** The general ledger: "Entity:Id" -> the lines that transaction posts (books/). Rebuilt when absent. */
  books?: Record<string, JournalLine[]>;
};

/**
 * One line of the general ledger: what one transaction moves on one account. Debit +, credit -, in cents,
 * both in the transaction's currency and in the home currency (debits equal credits per transaction there).
 */
export type JournalLine = {
  /** QuickBooks entity name of the source ("Invoice", "Payment", ...), or "OpeningBalance" for an account's. */
  txnType: string;
  txnId: string;
  /** YYYY-MM-DD */
  txnDate: string;
  docNumber?: string;
  accountId: string;
  /** The transaction's currency. */
  currency: string;
  amount: number;
  homeAmount: number;
  /** The customer, vendor or employee of the transaction or line, when it has one. */
  name?: { type: string; id: string; name?: string };
  memo?: string;
};

export type WebhookFormat = "legacy" | "cloudevents";

export type App = {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  webhookUrl: string | null;
  verifierToken: string | null;
  webhookFormat: WebhookFormat;
  name: string;
};

export type SimUser = { sub: string; email: string; givenName: string; familyName: string; realmIds: string[] };

export type AuthorizationCode = {
  code: string;
  clientId: string;
  redirectUri: string;
  realmId: string | null;
  scope: string[];
  sub: string;
  nonce: string | null;
  expiresAt: number;
  used: boolean;
  /** Tokens issued for this code: a second exchange revokes them, as Intuit does. */
  issuedRefreshToken: string | null;
};

export type AccessToken = {
  token: string;
  clientId: string;
  realmId: string | null;
  sub: string;
  scope: string[];
  expiresAt: number;
  revoked: boolean;
};

export type RefreshToken = {
  token: string;
  clientId: string;
  realmId: string | null;
  sub: string;
  scope: string[];
  /** Rolling expiry (about 100 days, renewed by each rotation). */
  expiresAt: number;
  /** The hard ceiling of the grant (about 5 years from consent), carried over by rotations. */
  hardExpiresAt: number;
  /** Set once the token has been rotated away or revoked: using it then fails with invalid_grant. */
  invalidated: boolean;
  accessToken: string | null;
};

export type SimState = {
  realms: Record<string, Realm>;
  apps: Record<string, App>;
  users: Record<string, SimUser>;
  authCodes: Record<string, AuthorizationCode>;
  accessTokens: Record<string, AccessToken>;
  refreshTokens: Record<string, RefreshToken>;
  nextRealmNumber: number;
  /** Client id -> calendar month ("2026-03", UTC on the sim clock) -> calls that app made in it (usage.ts). */
  usage?: Record<string, Record<string, MonthUsage>>;
};

export type MonthUsage = { reads: number; writes: number };

export type StoredFile = { contentBase64: string; contentType: string; key: string };

export function emptyState(): SimState {
  return { realms: {}, apps: {}, users: {}, authCodes: {}, accessTokens: {}, refreshTokens: {}, nextRealmNumber: 1 };
}
