import type { IncomingMessage } from "node:http";
import { tooLarge } from "./read-body";

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
  return {
    header(name) {
      const value = req.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
    body: (maxBytes) => readNodeBody(req, maxBytes),
  };
}

async function readNodeBody(req: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers["content-length"] ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const bytes = chunk as Buffer;
    size += bytes.byteLength;
    // Stop reading (the answer says why); the connection is closed after the answer rather than drained.
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(bytes);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}
