import { describe, expect, it } from "vitest";
import { SOCKET_ADDRESS_HEADER } from "../security/socket-address";
import { clientIp, requestMeta } from "./request-meta";

const request = (headers: Record<string, string>) => new Request("http://localhost/x", { headers });
// As the server hands a request over: the socket's address stamped by lib/security/socket-address.ts.
const fromSocket = (socket: string, headers: Record<string, string> = {}) => request({ ...headers, [SOCKET_ADDRESS_HEADER]: socket });

describe("clientIp", () => {
  it("with no trusted proxy (the default) takes the socket's address and ignores X-Forwarded-For, which the client writes", () => {
    expect(clientIp(fromSocket("198.51.100.9", { "x-forwarded-for": "203.0.113.7" }), 0)).toBe("198.51.100.9");
    expect(clientIp(fromSocket("198.51.100.9", { "x-real-ip": "203.0.113.7" }), 0)).toBe("198.51.100.9");
    expect(requestMeta(fromSocket("198.51.100.9", { "x-forwarded-for": "203.0.113.7" })).ip).toBe("198.51.100.9");
    expect(clientIp(request({ "x-forwarded-for": "203.0.113.7" }), 0)).toBeNull();
  });

  it("behind N trusted proxies takes the address the first of them saw: N from the right, never the client's own entries", () => {
    const forged = { "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" };
    expect(clientIp(fromSocket("10.0.0.3", forged), 1)).toBe("10.0.0.2");
    expect(clientIp(fromSocket("10.0.0.3", forged), 2)).toBe("203.0.113.7");
    // More hops configured than the request passed: the left-most address is the furthest one known.
    expect(clientIp(fromSocket("10.0.0.3", { "x-forwarded-for": "203.0.113.7" }), 3)).toBe("203.0.113.7");
  });

  it("keeps only a real IP address, so a proxy's odd header cannot break the audit entry of a write", () => {
    expect(clientIp(fromSocket("10.0.0.3", { "x-forwarded-for": "unknown" }), 1)).toBeNull();
    expect(clientIp(fromSocket("10.0.0.3", { "x-forwarded-for": "203.0.113.7:51234" }), 1)).toBeNull();
    expect(clientIp(fromSocket("::ffff:127.0.0.1"), 0)).toBe("::ffff:127.0.0.1");
  });
});

describe("requestMeta", () => {
  it("keeps a caller's request id only when it is a plain identifier", () => {
    expect(requestMeta(request({ "x-request-id": "req_123.abc-9" })).requestId).toBe("req_123.abc-9");
    expect(requestMeta(request({ "x-request-id": "bad id with spaces" })).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
