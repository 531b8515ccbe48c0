// Turns any failed QuickBooks answer into a QboError. QuickBooks has three fault envelopes: JSON `Fault` with
// capitalised keys (400/500, a 200 answer, every batch item), the lower-case `fault` envelope of 401/403, and
// XML for throttling. Whether a failure is retryable is decided here from the HTTP status and the fault code,
// never from message text.
import { z } from "zod";
import { CLIENT_ERROR_CODES, QboError, type QboErrorDetail, type QboFaultType } from "./qbo-error";
import { parseXmlFault } from "./xml-fault";

/** Intuit suggests waiting a minute after a 429; no rate-limit headers tell us more. */
export const THROTTLE_RETRY_AFTER_MS = 60_000;
/** A short pause before retrying a server error or a lost connection. */
export const SERVER_RETRY_AFTER_MS = 5_000;

const RETRYABLE_STATUS = new Set([408, 500, 502, 503, 504]);
const THROTTLED_CODE = "3001";
const SYSTEM_ERROR_CODE = "10000";

const CodeSchema = z.union([z.string(), z.number()]).transform(String);

const UpperErrorSchema = z.looseObject({
  Message: z.string().nullish(),
  Detail: z.string().nullish(),
  code: CodeSchema.nullish(),
  element: z.string().nullish(),
});

export const FaultSchema = z.looseObject({ Error: z.array(UpperErrorSchema).default([]), type: z.string().nullish() });
export type Fault = z.infer<typeof FaultSchema>;

const UpperEnvelopeSchema = z.looseObject({ Fault: FaultSchema });

const LowerEnvelopeSchema = z.looseObject({
  fault: z.looseObject({
    error: z
      .array(z.looseObject({ message: z.string().nullish(), detail: z.string().nullish(), code: CodeSchema.nullish(), element: z.string().nullish() }))
      .default([]),
    type: z.string().nullish(),
  }),
});

/** What the client knows about an answer besides its body. */
export type AnswerMeta = { status: number; intuitTid: string | null; retryAfter: string | null };

const TYPES: Record<string, QboFaultType> = {
  validationfault: "ValidationFault",
  systemfault: "SystemFault",
  authenticationfault: "AuthenticationFault",
  authentication: "AuthenticationFault",
  authorizationfault: "AuthorizationFault",
  authorization: "AuthorizationFault",
  throttlingfault: "ThrottlingFault",
  service: "SystemFault",
};

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

type Classified = { type: QboFaultType; retryable: boolean; retryAfterMs?: number };

function classify(meta: AnswerMeta, code: string, rawType: string | null | undefined): Classified {
  const named = rawType ? TYPES[rawType.toLowerCase()] : undefined;
  const header = parseRetryAfter(meta.retryAfter);
  if (meta.status === 429 || code === THROTTLED_CODE) {
    return { type: "ThrottlingFault", retryable: true, retryAfterMs: header ?? THROTTLE_RETRY_AFTER_MS };
  }
  if (RETRYABLE_STATUS.has(meta.status) || code === SYSTEM_ERROR_CODE) {
    return { type: named ?? "SystemFault", retryable: true, retryAfterMs: header ?? SERVER_RETRY_AFTER_MS };
  }
  if (meta.status === 401) return { type: "AuthenticationFault", retryable: false };
  if (meta.status === 403) return { type: "AuthorizationFault", retryable: false };
  return { type: named ?? (meta.status >= 500 ? "SystemFault" : "UnknownFault"), retryable: false };
}

function build(meta: AnswerMeta, errors: QboErrorDetail[], rawType: string | null | undefined, fallbackCode: string, fallbackMessage: string): QboError {
  const first = errors[0] ?? { code: fallbackCode, message: fallbackMessage, detail: "", element: null };
  const code = first.code || fallbackCode;
  return new QboError({
    ...classify(meta, code, rawType),
    code,
    message: first.message || fallbackMessage,
    detail: first.detail,
    element: first.element,
    status: meta.status,
    intuitTid: meta.intuitTid,
    errors,
  });
}

/** A 401 without a code is still QuickBooks' 3200 (authentication failed). */
function fallbackCode(meta: AnswerMeta): string {
  return meta.status === 401 ? "3200" : `HTTP_${meta.status}`;
}

/** A capitalised `Fault` object: a whole answer's or one batch item's. */
export function errorFromFault(fault: Fault, meta: AnswerMeta): QboError {
  const errors = fault.Error.map((e) => ({ code: e.code ?? "", message: e.Message ?? "", detail: e.Detail ?? "", element: e.element || null }));
  return build(meta, errors, fault.type, fallbackCode(meta), "QuickBooks answered with a fault");
}

/** The fault in a body that was JSON, or null when it holds none. */
export function faultInJson(json: unknown, meta: AnswerMeta): QboError | null {
  const upper = UpperEnvelopeSchema.safeParse(json);
  if (upper.success) return errorFromFault(upper.data.Fault, meta);
  const lower = LowerEnvelopeSchema.safeParse(json);
  if (lower.success) {
    const errors = lower.data.fault.error.map((e) => ({ code: e.code ?? "", message: e.message ?? "", detail: e.detail ?? "", element: e.element || null }));
    return build(meta, errors, lower.data.fault.type, fallbackCode(meta), "QuickBooks refused the credentials");
  }
  return null;
}

/** The QboError for an answer that failed (non-2xx) or carried a fault; `json` is the parsed body if it was JSON. */
export function errorFromAnswer(meta: AnswerMeta, text: string, json: unknown): QboError {
  if (json !== undefined) {
    return faultInJson(json, meta) ?? build(meta, [], null, fallbackCode(meta), `QuickBooks answered HTTP ${meta.status} without a fault`);
  }
  const xml = parseXmlFaultSafely(text);
  if (xml) {
    const errors = [{ code: xml.code ?? "", message: xml.message, detail: xml.detail, element: xml.element }];
    return build(meta, errors, xml.type, fallbackCode(meta), "QuickBooks answered with a fault");
  }
  if (meta.status === 401) return build(meta, [], null, fallbackCode(meta), "QuickBooks refused the access token");
  // A proxy or load balancer answered (an HTML error page): QuickBooks itself never saw or never finished the
  // request, so it is worth retrying, except a plain client error that would fail the same way again.
  const clientError = meta.status >= 400 && meta.status < 500 && meta.status !== 408 && meta.status !== 429;
  return new QboError({
    code: CLIENT_ERROR_CODES.notJson,
    type: "NetworkFault",
    message: `QuickBooks answered HTTP ${meta.status} with a body that is not JSON`,
    status: meta.status,
    intuitTid: meta.intuitTid,
    retryable: !clientError,
    retryAfterMs: parseRetryAfter(meta.retryAfter) ?? (meta.status === 429 ? THROTTLE_RETRY_AFTER_MS : SERVER_RETRY_AFTER_MS),
  });
}

/** Only bodies that look like markup are scanned; an HTML page simply has no <Fault>. */
function parseXmlFaultSafely(text: string) {
  return text.trimStart().startsWith("<") ? parseXmlFault(text) : null;
}
