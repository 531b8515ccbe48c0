// The QuickBooks Online API client: every QuickBooks call in the product goes through createQboClient().
export { createQboClient } from "./create-client";
export type {
  AccessTokenSource,
  BatchItem,
  BatchOperation,
  BatchOperationItem,
  BatchQueryItem,
  BatchRecord,
  BatchResult,
  CallBudget,
  CdcChanges,
  CdcEntity,
  EntityKey,
  QboBody,
  QboClient,
  QboClientOptions,
  QueryAllOptions,
  QueryPage,
  ResponseInfo,
  UpdateBody,
  UsageRecorder,
  WriteOptions,
} from "./types";
export { CLIENT_ERROR_CODES, QboError, type QboErrorDetail, type QboFaultType } from "./qbo-error";
export { MAX_BATCH_ITEMS } from "./batch";
export { MAX_PAGE_SIZE, qboString } from "./query";
export { REQUEST_ID_MAX, batchRequestId } from "./request-id";
export { MINOR_VERSION, DEFAULT_TIMEOUT_MS } from "./transport";
export { THROTTLE_RETRY_AFTER_MS, SERVER_RETRY_AFTER_MS } from "./parse-fault";
export {
  ENTITY_SCHEMAS,
  QBO_ENTITY_NAMES,
  type CompanyInfo,
  type DeletableEntity,
  type Deleted,
  type EntityOf,
  type ExchangeRate,
  type Preferences,
  type QboEntityName,
  type QueryRow,
  type Ref,
  type VoidableEntity,
  type WritableEntity,
} from "./schemas";
export {
  REFERENCE_ENTITIES,
  REFERENCE_TTL_MS,
  invalidateReferenceData,
  isReferenceEntity,
  referenceData,
  type ReferenceData,
  type ReferenceDataOptions,
  type ReferenceEntity,
} from "./reference-cache";
