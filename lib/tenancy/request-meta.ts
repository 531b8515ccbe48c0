import { randomUUID } from "node:crypto";
import { isIP } from "node:net";

export type RequestMeta = { requestId: string; ip: string | null };

// Proxies put all sorts of things in these headers ("unknown", "1.2.3.4:5678"); only a real address is kept,
// so whatever a proxy sends can never make an audited write fail.
function clientIp(request: Request): string | null {
  const candidates = [request.headers.get("x-forwarded-for")?.split(",")[0], request.headers.get("x-real-ip")];
  return candidates.map((value) => value?.trim() ?? "").find((value) => isIP(value) !== 0) ?? null;
}

// The request id ties an audit entry to the log lines of the request that made it.
export function requestMeta(request: Request): RequestMeta {
  const given = request.headers.get("x-request-id");
  const requestId = given && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
  return { requestId, ip: clientIp(request) };
}
