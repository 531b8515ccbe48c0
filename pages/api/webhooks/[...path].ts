import type { ServerResponse } from "node:http";
import { AppError } from "@/lib/errors/app-error";
import { errorToAnswer } from "@/lib/errors/http";
import type { WebhookRequest } from "@/lib/ingest/webhook-route";

// Every other address under /api/webhooks is a JSON 404, whatever the method and body. The session proxy skips
// /api/webhooks (webhooks authenticate themselves), so without this an unknown path fell through to the
// not-found page, where Next reads a multipart POST as a server action and answered 500.
export const config = { api: { bodyParser: false } };

export default function unknownWebhook(req: WebhookRequest, res: ServerResponse): void {
  const { status, body } = errorToAnswer(new AppError("NOT_FOUND", "There is no webhook endpoint at this address. Settings › Sources shows each source's endpoint URL."));
  const text = JSON.stringify(body);
  // The body is not read: close the connection rather than leave it half-consumed.
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), connection: "close" });
  res.end(text);
  req.resume();
}
