import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "../errors/app-error";
import { errorToAnswer } from "../errors/http";
import { incomingFromNode, type IncomingWebhook } from "./incoming-webhook";
import type { WebhookAnswer } from "./receive-quickbooks";

// The lean path for webhook routes. An App Router route handler costs ~0.7 ms of CPU per request here before it
// does anything (a fetch Request and Response, an AbortSignal, async storage, the route module's preparation);
// a Pages Router API route hands over Node's own request and response for ~0.3 ms (docs/BENCHMARKS.md, ingest).
// Webhooks are the one place where that is the difference between keeping up with a burst and not, so they
// alone are Pages API routes (pages/api/webhooks/*), with Next's body parser off: signatures are over the
// exact bytes. Everything else stays in the App Router.

/** A request as a Pages API route receives it: Node's, with the dynamic path segments in `query`. */
export type WebhookRequest = IncomingMessage & { query?: Partial<Record<string, string | string[]>> };

/**
 * A Pages API route handler that answers POST with `receive`'s answer as JSON, anything else with 405, and
 * every error as the one error body (lib/errors/http.ts): never a 500 for input.
 */
export function webhookRoute(receive: (incoming: IncomingWebhook, param: (name: string) => string) => Promise<WebhookAnswer>) {
  return async function handler(req: WebhookRequest, res: ServerResponse): Promise<void> {
    let status: number;
    let body: unknown;
    let headers: Record<string, string> = {};
    try {
      if (req.method !== "POST") {
        res.setHeader("allow", "POST");
        throw new AppError("METHOD_NOT_ALLOWED", `Webhooks are sent with POST; this was a ${req.method ?? "request without a method"}.`);
      }
      const answer = await receive(incomingFromNode(req), (name) => String(req.query?.[name] ?? ""));
      ({ status, body } = answer);
    } catch (error) {
      ({ status, body, headers = {} } = errorToAnswer(error));
      // A refused body may still be arriving; close the connection rather than read what we will not keep.
      if (!req.readableEnded) res.setHeader("connection", "close");
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  };
}

