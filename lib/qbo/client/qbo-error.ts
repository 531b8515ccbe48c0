// The one error every QuickBooks call throws. Faults are parsed once (parse-fault.ts) into these fields, so
// callers decide on `retryable`, `code` and `type`, never on message text.

export type QboFaultType =
  | "ValidationFault"
  | "SystemFault"
  | "AuthenticationFault"
  | "AuthorizationFault"
  | "ThrottlingFault"
  /** QuickBooks gave no usable answer: connection reset, timeout, a proxy's HTML page. */
  | "NetworkFault"
  /** A fault type QuickBooks has not been seen to send, or an answer whose shape we do not recognise. */
  | "UnknownFault";

/** Codes the client itself assigns; every other code is QuickBooks' own ("6240", "3001", ...). */
export const CLIENT_ERROR_CODES = {
  /** The connection failed or was reset before an answer arrived. */
  network: "NETWORK",
  /** No answer within the client's timeout. */
  timeout: "TIMEOUT",
  /** The body was neither JSON nor an XML fault (typically a proxy's HTML error page). */
  notJson: "NOT_JSON",
  /** JSON that does not have the shape QuickBooks documents for this call. */
  unexpectedResponse: "UNEXPECTED_RESPONSE",
  /** The caller passed something the client refuses before sending (e.g. a request id over 50 characters). */
  invalidArgument: "INVALID_ARGUMENT",
} as const;

export type QboErrorDetail = { code: string; message: string; detail: string; element: string | null };

export type QboErrorInit = {
  code: string;
  type: QboFaultType;
  message: string;
  detail?: string;
  element?: string | null;
  /** HTTP status; 0 when no answer arrived, 200 for a fault inside a batch item or a 200 answer. */
  status: number;
  intuitTid?: string | null;
  retryable: boolean;
  retryAfterMs?: number;
  /** Every error QuickBooks listed; the first one is also spread onto the top-level fields. */
  errors?: QboErrorDetail[];
};

export class QboError extends Error {
  readonly code: string;
  readonly type: QboFaultType;
  readonly detail: string;
  readonly element: string | null;
  readonly status: number;
  readonly intuitTid: string | null;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly errors: QboErrorDetail[];

  constructor(init: QboErrorInit) {
    super(init.message);
    this.name = "QboError";
    this.code = init.code;
    this.type = init.type;
    this.detail = init.detail ?? "";
    this.element = init.element ?? null;
    this.status = init.status;
    this.intuitTid = init.intuitTid ?? null;
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryable ? init.retryAfterMs : undefined;
    this.errors = init.errors ?? [{ code: init.code, message: init.message, detail: this.detail, element: this.element }];
  }

  /** A plain object for structured logs (the error's own fields; nothing from the request, so no tokens). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      type: this.type,
      message: this.message,
      detail: this.detail,
      element: this.element,
      status: this.status,
      intuitTid: this.intuitTid,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

export function invalidArgument(message: string, element: string | null = null): QboError {
  return new QboError({ code: CLIENT_ERROR_CODES.invalidArgument, type: "ValidationFault", message, element, status: 0, retryable: false });
}
