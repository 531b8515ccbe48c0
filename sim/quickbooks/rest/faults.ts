// QuickBooks' error answers, byte-shaped like the real ones (see test-fixtures/qbo/errors). Domain code throws
// `QboFault`; the HTTP layer (or a batch item) turns it into the `Fault` body.

export type FaultType = "ValidationFault" | "SystemFault" | "AuthenticationFault" | "AuthorizationFault";

export type FaultError = { Message: string; Detail: string; code: string; element: string };

export class QboFault extends Error {
  constructor(
    readonly status: number,
    readonly type: FaultType,
    readonly errors: FaultError[],
  ) {
    super(errors.map((e) => `${e.code} ${e.Message}`).join("; "));
  }

  body(time: string): { Fault: { Error: FaultError[]; type: FaultType }; time: string } {
    return { Fault: { Error: this.errors, type: this.type }, time };
  }

  /** A batch item carries the Fault without `time`. */
  item(): { Error: FaultError[]; type: FaultType } {
    return { Error: this.errors, type: this.type };
  }
}

function validation(code: string, message: string, detail: string, element = "", status = 400): QboFault {
  return new QboFault(status, "ValidationFault", [{ Message: message, Detail: detail, code, element }]);
}

export const faults = {
  requiredParam: (element: string) =>
    validation("2020", "Required param missing, need to supply the required value for the API", `Required parameter ${element} is missing in the request`, element),
  invalidReference: (element: string, id: string) =>
    validation("2500", "Invalid Reference Id", `Invalid Reference Id : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. (${element} ${id})`, element),
  objectNotFound: (detail = "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.") =>
    validation("610", "Object Not Found", detail),
  unknownField: (field: string, entity: string) =>
    validation("2010", "Request has invalid or unsupported property", `Property Name:Unrecognized field "${field}" (class com.intuit.schema.finance.v3.${entity}), not marked as ignorable specified is unsupported or invalid`, field),
  malformedBody: (reason: string) => validation("2010", "Request has invalid or unsupported property", `Property Name:${reason} specified is unsupported or invalid`),
  invalidValue: (element: string, detail: string) => validation("2050", "Invalid String/Number/Boolean", detail, element),
  staleObject: () =>
    validation("5010", "Stale Object Error", "Stale Object Error : You and the QuickBooks simulator were working on this at the same time. The QuickBooks simulator finished before you did, so your work was not saved."),
  businessValidation: (detail: string, element = "") => validation("6000", "A business validation error has occurred while processing your request", `Business Validation Error: ${detail}`, element),
  duplicateDocNumber: () =>
    validation("6140", "Duplicate Document Number Error", "Duplicate Document Number Error : You must specify a different number. This number has already been used.", "DocNumber"),
  booksClosed: (date: string) =>
    validation("6210", "Account Period Closed", `The account period has closed and the books are locked. Transactions dated on or before ${date} cannot be added, changed or deleted.`),
  duplicateName: (name: string) =>
    validation("6240", "Duplicate Name Exists Error", `The name supplied already exists. : Another customer, vendor or employee is already using this name (${name}). Please use a different name.`, "DisplayName"),
  /** 6240 on the other name lists: worded for the list (Account's is QuickBooks' own), on element Name. */
  duplicateListName: (what: string) =>
    validation("6240", "Duplicate Name Exists Error", `The name supplied already exists. : Another ${what} is already using this name. Please use a different name.`, "Name"),
  deposited: () =>
    validation("6540", "Deposited Transaction cannot be changed", "This transaction has been deposited. If you want to change or delete it, you must first edit the deposit it appears on and remove it."),
  unbalancedJournal: () =>
    validation("6000", "A business validation error has occurred while processing your request", "Business Validation Error: Transaction is not balanced. Debits must equal credits."),
  queryParse: (detail: string) => new QboFault(400, "ValidationFault", [{ Message: "Error parsing query", Detail: `QueryParserError: ${detail}`, code: "4000", element: "" }]),
  queryValidation: (detail: string) => new QboFault(400, "ValidationFault", [{ Message: "Invalid query", Detail: `QueryValidationError: ${detail}`, code: "4001", element: "" }]),
  unsupportedOperation: (path: string, fullUrl: string) =>
    validation("500", "Unsupported Operation", `Operation Could not find resource for relative : ${path} of full path: ${fullUrl} is not supported.`),
  operationNotSupported: (operation: string) => validation("500", "Unsupported Operation", `Operation ${operation} is not supported.`),
  tooManyBatchItems: (n: number) =>
    validation("1040", "Batch request exceeded the maximum items", `Number of items in the batch request (${n}) exceeds the maximum of 30.`),
  system: () => new QboFault(500, "SystemFault", [{ Message: "An application error has occurred while processing your request", Detail: "System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again. If the problem persists, contact customer support.", code: "10000", element: "" }]),
  serviceUnavailable: () => new QboFault(503, "SystemFault", [{ Message: "Service Unavailable", Detail: "The service is temporarily unavailable.", code: "10000", element: "" }]),
  // Appended for the entity rules (rules/).
  inactiveReference: (element: string) =>
    validation("610", "Object Not Found", "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.", element),
  amountMismatch: (element: string, supplied: string) =>
    validation("6070", "Amount calculation incorrect in the request", `Amount is not equal to UnitPrice * Qty. Supplied value:${supplied}`, element),
  invalidLineTaxCode: (element: string, supplied: string) =>
    validation("6100", "Invalid Line TaxCode in the request", `Valid Line TaxCodes for US should be TAX or NON. Supplied value:${supplied}`, element),
  // Appended for batch and CDC.
  /** CDC's 30-day window. The detail starts with the sentence QuickBooks answers; its code is not confirmed. */
  cdcTooOld: (changedSince: string, oldest: string) =>
    validation("2050", "Invalid String/Number/Boolean", `Operation cdc with changedSince date ${changedSince} which is older than fixed days is not supported. changedSince can go back at most 30 days (to ${oldest}).`, "changedSince"),
};

/** 401 and 403 answers use lower-case keys inside a wider envelope than every other fault. */
function lowerCaseFault(error: { message: string; detail: string; code: string }, type: "AUTHENTICATION" | "AUTHORIZATION", time: number): string {
  return JSON.stringify({
    warnings: null,
    intuitObject: null,
    fault: { error: [{ ...error, element: null }], type },
    report: null,
    queryResponse: null,
    batchItemResponse: [],
    attachableResponse: [],
    syncErrorResponse: null,
    requestId: null,
    time,
    status: null,
    cdcresponse: [],
  });
}

export function authenticationFailureBody(detail: string, time: number): string {
  return lowerCaseFault({ message: "message=AuthenticationFailed; errorCode=003200; statusCode=401", detail, code: "3200" }, "AUTHENTICATION", time);
}

/** A token for another company. */
export function authorizationFailureBody(time: number): string {
  return lowerCaseFault({ message: "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403", detail: "", code: "3100" }, "AUTHORIZATION", time);
}

/** Throttled answers come back as XML even when JSON was asked for. */
export function throttledXml(time: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<IntuitResponse time="${time}" xmlns="http://schema.intuit.com/finance/v3">\n` +
    `    <Fault type="SERVICE">\n` +
    `        <Error code="3001">\n` +
    `            <Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>\n` +
    `            <Detail>The request limit was reached.  Try again later</Detail>\n` +
    `        </Error>\n` +
    `    </Fault>\n` +
    `</IntuitResponse>`
  );
}
