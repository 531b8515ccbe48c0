// Fault shapes the simulator does not produce on demand (a throttle sent as 403, Retry-After headers,
// escaped XML), checked directly against the parser.
import { describe, expect, it } from "vitest";
import { errorFromAnswer, parseRetryAfter } from "./parse-fault";
import { parseXmlFault } from "./xml-fault";

const meta = (status: number, retryAfter: string | null = null) => ({ status, intuitTid: "tid-1", retryAfter });

describe("parsing QuickBooks faults", () => {
  it("reads an XML throttle, honouring Retry-After when QuickBooks sends one", () => {
    const xml = `<?xml version="1.0"?><IntuitResponse><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded</Message><Detail>Try again &amp; wait</Detail></Error></Fault></IntuitResponse>`;
    const error = errorFromAnswer(meta(429, "7"), xml, undefined);
    expect(error).toMatchObject({ code: "3001", type: "ThrottlingFault", retryable: true, retryAfterMs: 7_000, detail: "Try again & wait", intuitTid: "tid-1" });
  });

  it("treats the older 403 throttle as throttling, not as a permission problem", () => {
    const xml = `<IntuitResponse><Fault type='SERVICE'><Error code='3001'><Message>Throttled</Message></Error></Fault></IntuitResponse>`;
    expect(errorFromAnswer(meta(403), xml, undefined)).toMatchObject({ code: "3001", type: "ThrottlingFault", retryable: true, retryAfterMs: 60_000 });
  });

  it("reads the lower-case 403 envelope as a permanent authorization fault", () => {
    const body = { fault: { error: [{ message: "message=ApplicationAuthorizationFailed", detail: "", code: "3100", element: null }], type: "AUTHORIZATION" } };
    expect(errorFromAnswer(meta(403), JSON.stringify(body), body)).toMatchObject({ code: "3100", type: "AuthorizationFault", retryable: false, element: null });
  });

  it("reads a 400 SystemFault 10000 as retryable, by its code", () => {
    const body = { Fault: { Error: [{ Message: "An application error has occurred", Detail: "System Failure Error", code: "10000" }], type: "SystemFault" } };
    expect(errorFromAnswer(meta(400), JSON.stringify(body), body)).toMatchObject({ code: "10000", type: "SystemFault", retryable: true, retryAfterMs: 5_000 });
  });

  it("keeps every error QuickBooks listed", () => {
    const body = { Fault: { Error: [{ Message: "A", Detail: "a", code: "2020", element: "Line" }, { Message: "B", Detail: "b", code: "2010", element: "Foo" }], type: "ValidationFault" } };
    const error = errorFromAnswer(meta(400), JSON.stringify(body), body);
    expect(error.code).toBe("2020");
    expect(error.errors.map((e) => e.code)).toEqual(["2020", "2010"]);
  });

  it("finds nothing in an HTML page and does not confuse <FaultDetail> with <Fault>", () => {
    expect(parseXmlFault("<!DOCTYPE html><html><body>Bad gateway</body></html>")).toBeNull();
    expect(parseXmlFault(`<R><FaultDetail/><Fault type="X"><Error code="1"/></Fault></R>`)).toMatchObject({ type: "X", code: "1", message: "" });
  });

  it("reads Retry-After as seconds or as a date", () => {
    expect(parseRetryAfter("120")).toBe(120_000);
    expect(parseRetryAfter(new Date(10_000 + 30_000).toUTCString(), 10_000)).toBe(30_000);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
