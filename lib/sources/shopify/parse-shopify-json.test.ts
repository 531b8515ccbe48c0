import { describe, expect, it } from "vitest";
import { AppError } from "../../errors/app-error";
import { parseShopifyJson } from "./parse-shopify-json";

describe("parseShopifyJson", () => {
  it.each([
    { name: "an id above 2^53 stays exact, as a string", raw: '{"id":12345678901234567890}', expected: { id: "12345678901234567890" } },
    { name: "the largest 64-bit id stays exact", raw: '{"order_id": 18446744073709551615}', expected: { order_id: "18446744073709551615" } },
    { name: "ordinary ids stay numbers", raw: '{"id":450789469,"quantity":2}', expected: { id: 450789469, quantity: 2 } },
    { name: "decimals and exponents are left alone", raw: '{"rate":0.06,"big":1.2345678901234567e3}', expected: { rate: 0.06, big: 1234.5678901234567 } },
    {
      name: "digits inside strings, even after escaped quotes, are not touched",
      raw: '{"note":"ref \\"12345678901234567890\\" ok","id":[12345678901234567891,-12345678901234567892]}',
      expected: { note: 'ref "12345678901234567890" ok', id: ["12345678901234567891", "-12345678901234567892"] },
    },
  ])("$name", ({ raw, expected }) => {
    expect(parseShopifyJson(raw)).toEqual(expected);
  });

  it("reads the raw bytes a webhook route holds", () => {
    expect(parseShopifyJson(new TextEncoder().encode('{"id":99999999999999999999,"name":"Café #1001"}'))).toEqual({
      id: "99999999999999999999",
      name: "Café #1001",
    });
  });

  it.each([
    { name: "not JSON", raw: "id=1", message: /The Shopify webhook body is not valid JSON/ },
    { name: "cut off", raw: '{"id":12345678901234567890', message: /not valid JSON/ },
    { name: "not UTF-8", raw: new Uint8Array([0x7b, 0xff, 0x7d]), message: /not valid UTF-8/ },
  ])("refuses a body that is $name", ({ raw, message }) => {
    expect(() => parseShopifyJson(raw)).toThrow(AppError);
    expect(() => parseShopifyJson(raw)).toThrow(message);
  });
});
