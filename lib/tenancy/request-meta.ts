import { randomUUID } from "node:crypto";

export type RequestMeta = { requestId: string; ip: string | null };

// The request id ties an audit entry to the log lines of the request that made it.
export function requestMeta(request: Request): RequestMeta {
  const given = request.headers.get("x-request-id");
  const requestId = given && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return { requestId, ip: forwarded || request.headers.get("x-real-ip") || null };
}
