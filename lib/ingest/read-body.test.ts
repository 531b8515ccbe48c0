import { describe, expect, it } from "vitest";
import { parseJsonBody, readBody } from "./read-body";

const parse = (text: string) => parseJsonBody(Buffer.from(text, "utf8"));

describe("parseJsonBody", () => {
  it("accepts what PostgreSQL's jsonb can store, including escaped surrogate pairs and escaped backslashes", () => {
    expect(parse('{"emoji":"\\ud83d\\ude00"}')).toMatchObject({ ok: true, value: { emoji: "😀" } });
    expect(parse('{"path":"C:\\\\ud800"}')).toMatchObject({ ok: true });
  });

  it("refuses, with a reason, what jsonb would reject: NUL, unpaired surrogates, invalid UTF-8", () => {
    expect(parse('{"a":"\\u0000"}')).toMatchObject({ ok: false, error: expect.stringMatching(/NUL/) });
    for (const text of ['{"a":"\\ud800"}', '{"a":"\\udc00"}', '{"a":"\\ud800x\\udc00"}']) {
      expect(parse(text)).toMatchObject({ ok: false, error: expect.stringMatching(/surrogate/) });
    }
    expect(parseJsonBody(Buffer.from([0x7b, 0xff, 0x7d]))).toMatchObject({ ok: false, error: expect.stringMatching(/UTF-8/) });
  });
});

describe("parseJsonBody's sentence for text that is not JSON", () => {
  // The parser's own words ("Unexpected token 'o', \"not json\" is not valid JSON") change with the engine and
  // echo the sender's bytes back; the answer says what is wrong in ours.
  it.each(["not json", "{", '{"a":1,}', "{'a':1}", "", "[1,2"])("explains %j without the parser's message", (text) => {
    const parsed = parse(text);
    expect(parsed.ok).toBe(false);
    const error = parsed.ok ? "" : parsed.error;
    expect(error).toMatch(/^The body is not valid JSON/);
    expect(error).not.toMatch(/Unexpected|token|position|SyntaxError|is not valid JSON$/);
    if (text) expect(error).not.toContain(text);
  });

  it("says the same when a custom parser (Shopify's) fails", () => {
    const parsed = parseJsonBody(Buffer.from("nope"), () => {
      throw new SyntaxError("Unexpected token 'o', \"nope\" is not valid JSON");
    });
    expect(parsed).toMatchObject({ ok: false, error: expect.not.stringMatching(/Unexpected/) });
  });
});

describe("readBody", () => {
  it("returns the exact bytes and refuses more than the limit", async () => {
    const bytes = Buffer.from([0xe2, 0x82, 0xac, 0x20, 0x31]);
    expect(Buffer.from(await readBody(new Request("http://x", { method: "POST", body: bytes }), 10)).equals(bytes)).toBe(true);
    await expect(readBody(new Request("http://x", { method: "POST", body: "x".repeat(11) }), 10)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });
});
