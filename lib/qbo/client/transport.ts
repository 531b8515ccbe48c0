// Sends one request to /v3/company/{realmId}/… and returns its JSON, or throws a QboError. It refreshes the
// access token once after a 401 and counts every request it sends. With a budget, each request first takes a
// slot in the company's shared budget (waiting at most the budget's bound) and gives it back once the answer
// is read; a 429 is reported to the budget. It never sleeps otherwise: throttling and server errors come back
// as retryable QboErrors that say when to try again, so the job runner decides on waiting.
import type { z } from "zod";
import { errorFromAnswer, faultInJson, parseRetryAfter, SERVER_RETRY_AFTER_MS, type AnswerMeta } from "./parse-fault";
import { CLIENT_ERROR_CODES, QboError } from "./qbo-error";
import type { QboClientOptions } from "./types";

/** Since August 2025 QuickBooks ignores 1..74 and treats 75 as the default; sending it keeps answers stable. */
export const MINOR_VERSION = "75";
export const DEFAULT_TIMEOUT_MS = 30_000;

export type QboRequest = {
  method: "GET" | "POST";
  /** Below /v3/company/{realmId}, e.g. "/invoice" or "/query". */
  path: string;
  params?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is with `application/text` (QuickBooks' content type for a query statement in a POST body). */
  textBody?: string;
  /** Reads are metered by Intuit; writes (batch included) are not. */
  kind: "read" | "write";
  requestId?: string;
};

export type Answer = { json: unknown; meta: AnswerMeta };

type RawAnswer = { meta: AnswerMeta; text: string };

export type Transport = { send(request: QboRequest): Promise<Answer> };

function describeCause(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === "string" ? ` (${cause.code})` : "";
}

function noAnswer(error: unknown, timeoutMs: number): QboError {
  // Timeouts are told apart by the DOMException name AbortSignal.timeout() uses, not by message text.
  const timedOut = error instanceof Error && error.name === "TimeoutError";
  return new QboError({
    code: timedOut ? CLIENT_ERROR_CODES.timeout : CLIENT_ERROR_CODES.network,
    type: "NetworkFault",
    message: timedOut ? `QuickBooks did not answer within ${timeoutMs} ms` : `Could not reach QuickBooks${describeCause(error)}`,
    status: 0,
    retryable: true,
    retryAfterMs: SERVER_RETRY_AFTER_MS,
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createTransport(options: QboClientOptions): Transport {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const root = `${options.baseUrl.replace(/\/+$/, "")}/v3/company/${encodeURIComponent(options.realmId)}`;

  function urlOf(request: QboRequest): string {
    const params = new URLSearchParams(request.params);
    params.set("minorversion", MINOR_VERSION);
    if (request.requestId !== undefined) params.set("requestid", request.requestId);
    return `${root}${request.path}?${params.toString()}`;
  }

  async function attempt(request: QboRequest, token: string): Promise<RawAnswer> {
    const release = await options.budget?.acquire(options.realmId, request.path === "/batch" ? "batch" : "request", { access: request.kind });
    try {
      const raw = await sendOnce(request, token);
      // A budget that cannot be written must not hide QuickBooks' answer; an unreleased lease simply expires.
      if (raw.meta.status === 429) await options.budget?.throttled(options.realmId, parseRetryAfter(raw.meta.retryAfter)).catch(() => undefined);
      return raw;
    } finally {
      await release?.().catch(() => undefined);
    }
  }

  async function sendOnce(request: QboRequest, token: string): Promise<RawAnswer> {
    // Counted before sending: a request that times out may still have reached QuickBooks and been metered.
    await options.usage?.record(request.kind);
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: "application/json" };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    if (request.textBody !== undefined) headers["content-type"] = "application/text";
    if (request.requestId !== undefined) headers["request-id"] = request.requestId;
    const started = performance.now();
    let response: Response;
    let text: string;
    try {
      response = await doFetch(urlOf(request), {
        method: request.method,
        headers,
        body: request.textBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw noAnswer(error, timeoutMs);
    }
    const meta: AnswerMeta = { status: response.status, intuitTid: response.headers.get("intuit_tid"), retryAfter: response.headers.get("retry-after") };
    options.onResponse?.({ method: request.method, path: request.path, status: meta.status, intuitTid: meta.intuitTid, ms: Math.round(performance.now() - started) });
    return { meta, text };
  }

  async function send(request: QboRequest): Promise<Answer> {
    let raw = await attempt(request, await options.tokens.get());
    if (raw.meta.status === 401) {
      // The token may have expired or been revoked since get(); one forced refresh tells the two apart. A
      // 401 means QuickBooks did not process the request, so repeating it cannot post anything twice.
      raw = await attempt(request, await options.tokens.refresh());
    }
    const json = parseJson(raw.text);
    if (raw.meta.status < 200 || raw.meta.status >= 300) throw errorFromAnswer(raw.meta, raw.text, json);
    if (json === undefined) throw errorFromAnswer(raw.meta, raw.text, undefined);
    // QuickBooks can answer 200 with a Fault body.
    const fault = faultInJson(json, raw.meta);
    if (fault) throw fault;
    return { json, meta: raw.meta };
  }

  return { send };
}

/** Checks an answer against its schema; a mismatch is a permanent error naming the fields, not their values. */
export function expectShape<S extends z.ZodType>(schema: S, answer: Answer, what: string): z.infer<S> {
  const parsed = schema.safeParse(answer.json);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.code}`);
  return unexpected(`QuickBooks answered ${what} in an unexpected shape`, fields.join("; "), answer.meta);
}

export function unexpected(message: string, detail: string, meta: AnswerMeta): never {
  throw new QboError({
    code: CLIENT_ERROR_CODES.unexpectedResponse,
    type: "UnknownFault",
    message,
    detail,
    status: meta.status,
    intuitTid: meta.intuitTid,
    retryable: false,
  });
}
