// The official Stripe client against a local HTTP server answering as Stripe's API does, with Stripe's
// documented tax rate (test/payloads/stripe/tax_rate.json), so the request made and the answer parsed are real.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { fetchTaxRates } from "./fetch-tax-rates";
import { fixture } from "./test-kit";

const KEY = "rk_test_51PgafTB7WZ01zgkWledgerwire";
const RATE_ID = "txr_1MzS4RLkdIwHu7ixwvpZ9c2i";
let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function fakeStripe(status: number, body: unknown): Promise<{ apiBase: string; seen: string[] }> {
  const seen: string[] = [];
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
    res.writeHead(status, { "content-type": "application/json", "request-id": `req_${seen.length}` });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe("fetchTaxRates", () => {
  it("retrieves each tax rate once by id with the connection's key", async () => {
    const { apiBase, seen } = await fakeStripe(200, fixture("tax_rate"));

    const found = await fetchTaxRates({ apiKey: KEY, ids: [RATE_ID, RATE_ID], apiBase });

    expect(found[RATE_ID]).toMatchObject({ display_name: "VAT", percentage: 16, jurisdiction: "DE" });
    expect(seen).toEqual([`GET /v1/tax_rates/${RATE_ID} Bearer ${KEY}`]);
  });

  it("asks for read access to Tax rates when a restricted key lacks it", async () => {
    const { apiBase } = await fakeStripe(403, { error: { type: "invalid_request_error", message: "The provided key does not have the required permissions" } });

    await expect(fetchTaxRates({ apiKey: KEY, ids: [RATE_ID], apiBase })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: "The restricted key for this Stripe connection was refused: give it read access to Tax rates.",
    });
  });
});
