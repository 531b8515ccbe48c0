import { describe, expect, it } from "vitest";
import { requestMeta } from "./request-meta";

const meta = (headers: Record<string, string>) => requestMeta(new Request("http://localhost/x", { headers }));

describe("requestMeta", () => {
  it("takes the client address from the first X-Forwarded-For hop", () => {
    expect(meta({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }).ip).toBe("203.0.113.7");
    expect(meta({ "x-real-ip": "2001:db8::1" }).ip).toBe("2001:db8::1");
  });

  it("keeps only a real IP address, so a proxy's odd header cannot break the audit entry of a write", () => {
    expect(meta({ "x-forwarded-for": "unknown" }).ip).toBeNull();
    expect(meta({ "x-forwarded-for": "203.0.113.7:51234" }).ip).toBeNull();
    expect(meta({ "x-forwarded-for": "unknown", "x-real-ip": "198.51.100.2" }).ip).toBe("198.51.100.2");
  });

  it("keeps a caller's request id only when it is a plain identifier", () => {
    expect(meta({ "x-request-id": "req_123.abc-9" }).requestId).toBe("req_123.abc-9");
    expect(meta({ "x-request-id": "bad id with spaces" }).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
