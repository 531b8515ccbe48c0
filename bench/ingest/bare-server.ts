// The bare reference: node:http doing the same verify-and-insert as the app's webhook routes (same signature
// checks, same parser, the very same SQL statement), one statement per request through `pg`, no framework.
// Started by bench/ingest with DATABASE_URL, BENCH_QBO_TOKEN, BENCH_STRIPE_SECRET and BENCH_STRIPE_CONNECTION.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { deliveryResults, storeDeliveriesParams, STORE_DELIVERIES_SQL, type DeliveryInput, type DeliveryRow } from "../../lib/ingest/delivery-sql";
import { parseQboNotifications } from "../../lib/qbo/webhooks/parse-notifications";
import { verifyIntuitSignature } from "../../lib/qbo/webhooks/verify-signature";
import { verifyStripeSignature } from "../../lib/sources/stripe/verify-webhook";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const token = process.env.BENCH_QBO_TOKEN!;
const stripeSecret = process.env.BENCH_STRIPE_SECRET!;
const stripeConnection = process.env.BENCH_STRIPE_CONNECTION!;
const workspaceId = process.env.BENCH_WORKSPACE!;

function answer(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
}

const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  try {
    let delivery: DeliveryInput;
    if (req.url === "/qbo") {
      if (!verifyIntuitSignature(raw, String(req.headers["intuit-signature"] ?? ""), [token])) return answer(res, 401, { code: "SIGNATURE_INVALID" });
      const notifications = parseQboNotifications(JSON.parse(raw.toString("utf8")));
      delivery = {
        source: "QUICKBOOKS", sourceConnectionId: null, headers: {}, rawBody: raw, parseError: null,
        events: notifications.map((n) => ({ externalId: n.key, eventType: `${n.entity}.${n.operation}`, payload: n, occurredAt: n.occurredAt, realmId: n.realmId })),
      };
    } else {
      if (!verifyStripeSignature(raw, String(req.headers["stripe-signature"] ?? ""), [stripeSecret])) return answer(res, 401, { code: "SIGNATURE_INVALID" });
      const event = JSON.parse(raw.toString("utf8")) as { id: string; type: string; created: number };
      delivery = {
        source: "STRIPE", sourceConnectionId: stripeConnection, headers: {}, rawBody: raw, parseError: null,
        events: [{ externalId: event.id, eventType: event.type, payloadIsBody: true, occurredAt: new Date(event.created * 1000), workspaceId }],
      };
    }
    const { ids, params } = storeDeliveriesParams([delivery]);
    const { rows } = await pool.query<DeliveryRow>(STORE_DELIVERIES_SQL, params);
    const [result] = deliveryResults(ids, rows);
    answer(res, 200, { received: true, duplicate: !result!.stored, events: result!.newEvents });
  } catch (error) {
    answer(res, 500, { code: "INTERNAL", message: String(error) });
  }
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address() as AddressInfo;
  console.log(JSON.stringify({ port: address.port }));
});
