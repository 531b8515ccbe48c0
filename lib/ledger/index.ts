export { planPostings, type PlanOptions } from "./plan-postings";
export { resolvePlaceholders } from "./shared/placeholders";
export { requestIdOf } from "./shared/request-id";
export { proposedDisplayName, uniqueDisplayName, type SourceCustomer } from "./names/display-name";
export { txnDateOf } from "./shared/document";
export { FITTING as ACCOUNT_ROLE_FITS, type AccountRole } from "./shared/context";
export * from "./types/mapping";
export * from "./types/facts";
export * from "./types/plan";
