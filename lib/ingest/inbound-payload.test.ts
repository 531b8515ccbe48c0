import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { inboundPayload } from "./inbound-payload";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("inboundPayload", () => {
  it("returns the stored payload when the event has one (QuickBooks notifications, API events)", () => {
    expect(inboundPayload({ source: "API", payload: { id: "order-1" }, delivery: null })).toEqual({ id: "order-1" });
  });

  it("reads a Stripe event back from its delivery's signed bytes", () => {
    const body = '{"id":"evt_1","type":"charge.succeeded","data":{"object":{"amount":2895}}}';
    expect(inboundPayload({ source: "STRIPE", payload: null, delivery: { rawBody: bytes(body) } })).toEqual(JSON.parse(body));
  });

  it("keeps Shopify's 64-bit ids exact, as ingest parsed them", () => {
    const body = '{"id":12345678901234567890,"total_price":"28.95"}';
    expect(inboundPayload({ source: "SHOPIFY", payload: null, delivery: { rawBody: bytes(body) } })).toEqual({ id: "12345678901234567890", total_price: "28.95" });
  });

  it("says so when the delivery holding the body is gone", () => {
    expect(() => inboundPayload({ source: "STRIPE", payload: null, delivery: null })).toThrow(AppError);
  });
});
