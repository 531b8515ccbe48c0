import { randomUUID } from "node:crypto";
import { isIP } from "node:net";
import { env } from "../env";
import { SOCKET_ADDRESS_HEADER } from "../security/socket-address";

export type RequestMeta = { requestId: string; ip: string | null };

/**
 * The client's address as far as this server can vouch for it. The socket's address (stamped by the server,
 * lib/security/socket-address.ts) is the one fact; each of the TRUSTED_PROXY_HOPS proxies in front appends the
 * address it received from to X-Forwarded-For, so the client is that many entries back from the socket. Anything
 * further left was written by the client and is never used. 0 (the default) means no proxy: the socket itself.
 * Proxies put all sorts of things in these headers ("unknown", "1.2.3.4:5678"); only a real address is kept,
 * so whatever a proxy sends can never make an audited write fail.
 */
export function clientIp(request: Request, trustedHops: number = env().trustedProxyHops): string | null {
  return clientIpOf(request.headers, trustedHops);
}

/** clientIp from the headers alone (a server action has no Request, only next/headers). */
export function clientIpOf(headers: Headers, trustedHops: number = env().trustedProxyHops): string | null {
  const socket = headers.get(SOCKET_ADDRESS_HEADER)?.trim() || null;
  const forwarded =
    trustedHops > 0
      ? (headers.get("x-forwarded-for") ?? "")
          .split(",")
          .map((value) => value.trim())
          .filter(Boolean)
      : [];
  const chain = [...forwarded, socket];
  const candidate = chain[Math.max(0, chain.length - 1 - trustedHops)] ?? null;
  return candidate && isIP(candidate) !== 0 ? candidate : null;
}

// The request id ties an audit entry to the log lines of the request that made it.
export function requestMeta(request: Request): RequestMeta {
  const given = request.headers.get("x-request-id");
  const requestId = given && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
  return { requestId, ip: clientIp(request) };
}
