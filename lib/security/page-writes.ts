import { AppError } from "../errors/app-error";
import { assertSameOrigin } from "../tenancy/assert-same-origin";

// Pages take writes only as server actions, which Next decodes itself: a multipart body it cannot parse, a text
// body that is not the JSON array React sends, or an Origin that is not this server's, fail inside Next as a
// 500 ("Invalid Server Actions request", a busboy error). The proxy (proxy.ts) runs before that and answers them
// here instead, so only requests Next can read reach it; real server actions (multipart from our own forms) pass
// unchanged. The body is read from a clone: Next keeps the original for the action.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const FORM_TYPES = ["multipart/form-data", "application/x-www-form-urlencoded"];

function unreadable(what: string): AppError {
  return new AppError("BAD_REQUEST", `${what} could not be read, so the request was refused.`);
}

async function check(request: Request, isPage: boolean): Promise<void> {
  // Next refuses a foreign Origin on an action with a 500. API routes check their own (withUser), and some must
  // take other origins (an identity provider's form_post to /api/auth).
  if (isPage && request.headers.has("origin")) assertSameOrigin(request);
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (FORM_TYPES.some((form) => type.startsWith(form))) {
    const form = await request
      .clone()
      .formData()
      .catch(() => {
        throw unreadable("The form data in this request");
      });
    if (request.headers.has("next-action") && form.has("0") && !referencesResolve(form)) throw unreadable("The arguments of this action");
    return;
  }
  if (!request.headers.has("next-action")) return;
  const text = await request.clone().text();
  let args: unknown;
  try {
    args = JSON.parse(text);
  } catch {
    throw unreadable("The arguments of this action");
  }
  if (!Array.isArray(args) || !selfContained(args)) throw unreadable("The arguments of this action");
}

// React encodes an action's arguments as text only when they are plain values. Its "$" strings then either
// stand alone (an escaped "$", a date, a bigint, undefined, NaN, the infinities, -0) or point at a part of a
// multipart body, which a text body does not have: React fails on those with a 500 ("$Q1", "$K1", "$1").
const STANDALONE = /^\$(?:\$|D|n-?\d+$|undefined$|NaN$|Infinity$|-Infinity$|-0$)/;

function selfContained(value: unknown): boolean {
  if (typeof value === "string") return !value.startsWith("$") || STANDALONE.test(value);
  if (Array.isArray(value)) return value.every(selfContained);
  if (typeof value === "object" && value !== null) return Object.values(value).every(selfContained);
  return true;
}

// A multipart action body (React's encodeReply: what a form action called from the browser sends) keeps its
// arguments in part "0" and points at other parts: "$K1" is a FormData whose fields are the parts named "1_...",
// "$1", "$Q1", "$W1", "$@1" are the JSON, Map, Set or promise in part "1". React's decoder fails with a 500 on a
// reference to a part that is not there (found by the route fuzz with a real action id), so each must resolve.
// Other kinds (files, streams, server references, paths into a part) are not what this app's actions take.
const PART_REFERENCE = /^\$([QW@]?)([0-9a-f]+)$/;
const FORM_REFERENCE = /^\$K([0-9a-f]+)$/;

function referencesResolve(form: FormData): boolean {
  const seen = new Set<string>();
  const part = (name: string): boolean => {
    if (seen.has(name)) return true;
    seen.add(name);
    const text = form.get(name);
    if (typeof text !== "string") return false;
    try {
      return valueResolves(JSON.parse(text));
    } catch {
      return false;
    }
  };
  const valueResolves = (value: unknown): boolean => {
    if (typeof value === "string") {
      if (!value.startsWith("$") || STANDALONE.test(value) || FORM_REFERENCE.test(value)) return true;
      const ref = PART_REFERENCE.exec(value);
      return ref !== null && seen.size < 100 && part(ref[2]!);
    }
    if (Array.isArray(value)) return value.every(valueResolves);
    if (typeof value === "object" && value !== null) return Object.values(value).every(valueResolves);
    return true;
  };
  return part("0");
}

/** A 4xx answer for a write to a page that Next could not read, or null to let the request through. */
export async function refuseUnreadablePageWrite(request: Request, pathname: string): Promise<{ status: number; body: { code: string; message: string } } | null> {
  if (SAFE_METHODS.has(request.method)) return null;
  try {
    // Bodies are checked on /api paths too: a path that resolves to no route (/api/w/%2e%2e/x) is rendered as
    // the not-found page, where Next reads a multipart POST as a form action.
    await check(request, !pathname.startsWith("/api/"));
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { status: error.status, body: { code: error.code, message: error.message } };
  }
}
