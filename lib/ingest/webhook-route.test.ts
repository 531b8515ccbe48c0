import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createWorkspaceWith } from "@/test/fixtures";
import { webhookRoutesBase } from "@/test/webhook-server";
import { createTestSource, stripeSignature } from "@/test/webhooks";
import { MAX_WEBHOOK_BYTES } from "./webhook-limits";

// The lean path's own behaviour (lib/ingest/webhook-route.ts): what Next's App Router did for free, done by us.

type RawAnswer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A POST whose body is written in chunks with no Content-Length (chunked), or with the length it declares. */
async function rawPost(path: string, opts: { headers?: Record<string, string>; chunks: Buffer[]; method?: string }): Promise<RawAnswer> {
  const base = new URL(await webhookRoutesBase());
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: base.hostname, port: base.port, path, method: opts.method ?? "POST", headers: opts.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    // The server may answer and close before the whole body is written; that is the point of some tests.
    req.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error)));
    for (const chunk of opts.chunks) req.write(chunk);
    req.end();
  });
}

async function stripeSource() {
  const { workspace } = await createWorkspaceWith(["OWNER"]);
  return { workspaceId: workspace.id, ...(await createTestSource(workspace.id, "STRIPE")) };
}

describe("webhook routes (lean path)", () => {
  it("answers a GET with 405 and says to use POST", async () => {
    const { connection } = await stripeSource();
    const answer = await rawPost(`/api/webhooks/stripe/${connection.id}`, { method: "GET", chunks: [] });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe("POST");
    expect(JSON.parse(answer.body)).toMatchObject({ code: "METHOD_NOT_ALLOWED", message: expect.stringContaining("POST") });
  });

  it("refuses a body streamed without a length once it passes 1 MiB, and stores nothing", async () => {
    const { workspaceId, connection, webhookSecret } = await stripeSource();
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const chunks = Array.from({ length: MAX_WEBHOOK_BYTES / chunk.length + 2 }, () => chunk);
    const answer = await rawPost(`/api/webhooks/stripe/${connection.id}`, {
      headers: { "content-type": "application/json", "transfer-encoding": "chunked", "stripe-signature": stripeSignature("{}", webhookSecret) },
      chunks,
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringContaining("1024 KiB") });
    expect(await db.webhookDelivery.count({ where: { sourceConnectionId: connection.id } })).toBe(0);
    expect(await db.inboundEvent.count({ where: { workspaceId } })).toBe(0);
  });

  it("refuses a declared Content-Length over 1 MiB before reading the body", async () => {
    const { connection } = await stripeSource();
    const answer = await rawPost(`/api/webhooks/stripe/${connection.id}`, {
      headers: { "content-type": "application/json", "content-length": String(MAX_WEBHOOK_BYTES + 1), "stripe-signature": "t=1,v1=00" },
      chunks: [Buffer.from("{")],
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("answers an unknown connection as a missing signature would be answered, not with a 404 that confirms ids", async () => {
    const answer = await rawPost("/api/webhooks/stripe/no-such-connection", { headers: { "content-type": "application/json" }, chunks: [Buffer.from("{}")] });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ code: "SIGNATURE_INVALID" });
  });
});
