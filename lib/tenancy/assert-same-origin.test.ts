import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { errorToAnswer } from "../errors/http";
import { assertSameOrigin } from "./assert-same-origin";

const write = (origin: string | null, host = "localhost:3000") => {
  const headers = new Headers({ host });
  if (origin !== null) headers.set("origin", origin);
  return new Request("http://localhost:3000/api/workspaces", { method: "POST", headers });
};

function refusal(request: Request) {
  try {
    assertSameOrigin(request);
    return null;
  } catch (error) {
    return errorToAnswer(error);
  }
}

describe("assertSameOrigin", () => {
  it("lets a write from the app's own origin through", () => {
    expect(refusal(write("http://localhost:3000"))).toBeNull();
  });

  it("refuses a write from another site with 403", () => {
    expect(refusal(write("https://evil.example"))).toMatchObject({ status: 403, body: { code: "FORBIDDEN", details: { reason: "CSRF" } } });
  });

  // Browsers send `Origin: null` from sandboxed frames, file: pages and some redirects; a fuzzer sends anything.
  // Neither is this server's origin, so both are the same 403 as a foreign site, never a 500 from new URL().
  it.each(["null", "garbage", "", "http://", "://localhost:3000", "http://[::1"])("refuses Origin %j with 403, not a 500", (origin) => {
    const answer = refusal(write(origin));
    expect(answer?.status).toBe(403);
    expect(answer?.body.code).toBe("FORBIDDEN");
  });

  it("leaves reads alone whatever their Origin", () => {
    expect(refusal(new Request("http://localhost:3000/x", { headers: { origin: "garbage" } }))).toBeNull();
  });

  it("throws only AppErrors", () => {
    for (const origin of ["garbage", "null", "https://evil.example"]) {
      expect(() => assertSameOrigin(write(origin))).toThrow(AppError);
    }
  });
});
