import { describe, expect, it } from "vitest";
import { refuseUnreadablePageWrite } from "./page-writes";

const ORIGIN = "http://localhost:3000";
const post = (headers: Record<string, string>, body?: BodyInit) => new Request(`${ORIGIN}/sign-in`, { method: "POST", headers: { host: "localhost:3000", ...headers }, body });

describe("refuseUnreadablePageWrite", () => {
  it("lets a real server action through: our own origin, a form Next can read", async () => {
    const form = new FormData();
    form.set("$ACTION_ID_40ac5ca59aaa0d00ac80b5ebba7bc3958047bc4c71", "");
    form.set("email", "olivia.owner@demo.ledgerwire.test");
    expect(await refuseUnreadablePageWrite(post({ origin: ORIGIN }, form), "/sign-in")).toBeNull();
    for (const args of ['["olivia"]', '[{"when":"$D2026-01-01T00:00:00.000Z","n":"$n12","dollars":"$$5"},"$undefined"]', "[]"]) {
      expect(await refuseUnreadablePageWrite(post({ origin: ORIGIN, "next-action": "40ac5c", "content-type": "text/plain" }, args), "/sign-in")).toBeNull();
    }
  });

  it("refuses a multipart body that cannot be parsed with 400", async () => {
    for (const type of ["multipart/form-data; boundary=xyz", "multipart/form-data"]) {
      expect(await refuseUnreadablePageWrite(post({ origin: ORIGIN, "content-type": type }, "--xyz\r\nbroken"), "/sign-in")).toMatchObject({ status: 400, body: { code: "BAD_REQUEST" } });
    }
  });

  it("lets a browser-called form action through (arguments in part 0, the form's fields in parts 1_...)", async () => {
    const form = new FormData();
    form.set("0", '["$K1"]');
    form.set("1_email", "olivia.owner@demo.ledgerwire.test");
    expect(await refuseUnreadablePageWrite(post({ origin: ORIGIN, "next-action": "40ac5c" }, form), "/sign-in")).toBeNull();
    const nested = new FormData();
    nested.set("0", '["$1", "$Q2"]');
    nested.set("1", '{"a":"$$x"}');
    nested.set("2", '[["k","v"]]');
    expect(await refuseUnreadablePageWrite(post({ origin: ORIGIN, "next-action": "40ac5c" }, nested), "/sign-in")).toBeNull();
  });

  it("refuses a multipart action whose references point at parts that are not there with 400", async () => {
    for (const root of ['["$1"]', '["$@1"]', '["$Q1"]', '["$W1"]', '["$B1"]', '["$F1"]', '["$T1"]', '{"a":"$1:b"}', "not json"]) {
      const form = new FormData();
      form.set("0", root);
      expect(await refuseUnreadablePageWrite(post({ origin: ORIGIN, "next-action": "40ac5c" }, form), "/sign-in"), root).toMatchObject({ status: 400 });
    }
  });

  it("refuses action arguments that are not the JSON array React sends with 400", async () => {
    for (const body of ["junk", '{"a":1}', "", '["$Q1"]', '["$K1"]', '[{"a":["$1"]}]', '["$@0"]']) {
      expect(await refuseUnreadablePageWrite(post({ "next-action": "garbage", "content-type": "text/plain" }, body), "/")).toMatchObject({ status: 400 });
    }
  });

  it("refuses an Origin that is another site's or not a URL with 403, as Next would have with a 500", async () => {
    for (const origin of ["garbage", "null", "https://evil.example"]) {
      expect(await refuseUnreadablePageWrite(post({ origin, "content-type": "text/plain" }, "x"), "/")).toMatchObject({ status: 403, body: { code: "FORBIDDEN" } });
    }
  });

  it("leaves reads alone, and the Origin of API routes to their handlers", async () => {
    expect(await refuseUnreadablePageWrite(new Request(`${ORIGIN}/`, { headers: { origin: "garbage" } }), "/")).toBeNull();
    expect(await refuseUnreadablePageWrite(post({ origin: "https://appcenter.intuit.com", "content-type": "application/x-www-form-urlencoded" }, "code=1&state=2"), "/api/auth/callback/intuit")).toBeNull();
  });

  it("refuses an unreadable multipart body on /api paths too, where an unknown path renders the not-found page", async () => {
    expect(await refuseUnreadablePageWrite(post({ "content-type": "multipart/form-data" }, "x"), "/api/w/../x")).toMatchObject({ status: 400 });
  });
});
