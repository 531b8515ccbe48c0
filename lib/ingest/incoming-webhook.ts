import type { IncomingMessage } from "node:http";
import { readLimited } from "./read-body";

/**
 * A webhook request as the receivers need it: its headers and its exact bytes. Webhooks arrive as Node requests
 * on the lean path (lib/ingest/webhook-route.ts); the receivers need nothing else of them.
 */
export type IncomingWebhook = {
  /** The header's value (names are case-insensitive), repeated headers joined by ", " as fetch does. */
  header(name: string): string | null;
  /** The body as the exact bytes sent, refusing more than `maxBytes` (PAYLOAD_TOO_LARGE) before buffering it all. */
  body(maxBytes: number): Promise<Uint8Array>;
};

export function incomingFromNode(req: IncomingMessage): IncomingWebhook {
  const header = (name: string): string | null => {
    const value = req.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  };
  return {
    header,
    // Past the limit the answer says why and the connection is closed after it, rather than drained.
    body: (maxBytes) => readLimited(req as AsyncIterable<Uint8Array>, header("content-length"), maxBytes),
  };
}
