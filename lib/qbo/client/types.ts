// The client's public contract. The connection code (lib/qbo/*.ts) supplies the token source and the usage
// recorder; everything else in the product calls QuickBooks through a QboClient.
import type { QboBudget } from "../budget";
import type { QboError } from "./qbo-error";
import type {
  CompanyInfo,
  DeletableEntity,
  Deleted,
  EntityOf,
  ExchangeRate,
  Preferences,
  QboEntityName,
  QueryRow,
  VoidableEntity,
  WritableEntity,
} from "./schemas";

export type AccessTokenSource = {
  /** A valid access token (the token manager refreshes when under 10 minutes remain). */
  get(): Promise<string>;
  /** Forces one refresh after QuickBooks answered 401; returns the new token. */
  refresh(): Promise<string>;
};

/**
 * Awaited just before each request is sent (retries included). It should not throw: a throw stops that
 * request before it reaches QuickBooks and reaches the caller as the recorder's own error.
 */
export type UsageRecorder = { record(kind: "read" | "write", calls?: number): void | Promise<void> };

/** What the transport needs of the shared budget (lib/qbo/budget): a slot per request, and word of a 429. */
export type CallBudget = Pick<QboBudget, "acquire" | "throttled">;

export type ResponseInfo = { method: string; path: string; status: number; intuitTid: string | null; ms: number };

export type QboClientOptions = {
  /** e.g. https://sandbox-quickbooks.api.intuit.com, or the simulator's URL. */
  baseUrl: string;
  realmId: string;
  tokens: AccessTokenSource;
  usage?: UsageRecorder;
  /**
   * QuickBooks' limits for the company, shared by every process (lib/qbo/budget). qboClientFor() always sets
   * it; tests that drive the simulator directly may leave it out.
   */
  budget?: CallBudget;
  /** Tests may pass one; the global fetch by default. */
  fetch?: typeof fetch;
  /** Per request, 30 s by default (QuickBooks itself gives up at 120 s). */
  timeoutMs?: number;
  /** Called for every answer received, failed or not: logging and "last successful call". Must not throw. */
  onResponse?: (info: ResponseInfo) => void;
};

/** A caller-chosen, deterministic idempotency key (at most 50 characters): a retry with it cannot post twice. */
export type WriteOptions = { requestId: string };

export type QboBody = Record<string, unknown>;
export type EntityKey = { Id: string; SyncToken: string };
export type UpdateBody = EntityKey & QboBody;

export type QueryPage = {
  /** The entity the rows belong to; null when QuickBooks answered `{}` (no rows) or a count. */
  entity: string | null;
  rows: QueryRow[];
  startPosition: number;
  /** Rows in this page (QuickBooks reports what it returned, not what was asked). */
  maxResults: number;
  /** Only for `SELECT COUNT(*)`. */
  totalCount?: number;
};

export type QueryAllOptions = {
  /** The condition after WHERE, e.g. `Active IN (true,false)`; quote values with `qboString`. */
  where?: string;
  /** ORDERBY clause; `Id` by default so pages never shift under a stable data set. */
  orderBy?: string;
  /** Rows per request, 1..1000; 1000 (QuickBooks' maximum) by default to spend the fewest metered reads. */
  pageSize?: number;
};

export type BatchOperation = "create" | "update" | "delete" | "void";

export type BatchOperationItem = {
  bId: string;
  operation: BatchOperation;
  entity: WritableEntity;
  body: QboBody;
  /** Every write needs its own deterministic key; the batch's request id is derived from them. */
  requestId: string;
};
export type BatchQueryItem = { bId: string; query: string };
export type BatchItem = BatchOperationItem | BatchQueryItem;

export type BatchRecord = EntityOf<QboEntityName> | Deleted;
export type BatchResult =
  | { bId: string; ok: true; entity?: QboEntityName; record?: BatchRecord; queryResponse?: QueryPage }
  | { bId: string; ok: false; error: QboError };

/** Entities change data capture reports (QuickBooks leaves out tax codes, tax rates and currencies). */
export type CdcEntity = Exclude<QboEntityName, "TaxCode" | "TaxRate" | "Currency">;
export type CdcChanges<E extends CdcEntity> = { [K in E]: Array<EntityOf<K> | Deleted> };

export type QboClient = {
  readonly realmId: string;
  create<E extends WritableEntity>(entity: E, body: QboBody, options: WriteOptions): Promise<EntityOf<E>>;
  read<E extends QboEntityName>(entity: E, id: string): Promise<EntityOf<E>>;
  /** A sparse update: only the fields in `body` change. */
  update<E extends WritableEntity>(entity: E, body: UpdateBody, options: WriteOptions): Promise<EntityOf<E>>;
  delete(entity: DeletableEntity, key: EntityKey, options: WriteOptions): Promise<Deleted>;
  void<E extends VoidableEntity>(entity: E, key: EntityKey, options: WriteOptions): Promise<EntityOf<E>>;
  /** One page, exactly as the statement asks. */
  query(statement: string): Promise<QueryPage>;
  queryPages<E extends QboEntityName>(entity: E, options?: QueryAllOptions): AsyncGenerator<EntityOf<E>[], void, undefined>;
  queryAll<E extends QboEntityName>(entity: E, options?: QueryAllOptions): Promise<EntityOf<E>[]>;
  count(entity: QboEntityName, where?: string): Promise<number>;
  /** Results in the items' order, keyed by bId. */
  batch(items: BatchItem[]): Promise<Map<string, BatchResult>>;
  cdc<E extends CdcEntity>(entities: E[], changedSince: Date): Promise<CdcChanges<E>>;
  /** asOfDate is YYYY-MM-DD. */
  exchangeRate(sourceCurrency: string, asOfDate: string): Promise<ExchangeRate>;
  companyInfo(): Promise<CompanyInfo>;
  preferences(): Promise<Preferences>;
};
