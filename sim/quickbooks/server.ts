// The HTTP server: reads the raw body, applies injected faults, routes to the control API, the REST API or
// the OAuth endpoints, and stamps every answer with an `intuit_tid`. A handler bug answers a SystemFault 500
// and is logged; it never takes the simulator down.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { SimCore } from "./core";
import { handleControl } from "./control/routes";
import { json, newTid, type SimAnswer, type SimRequest } from "./http";
import { handleOAuth } from "./oauth";
import { faults, throttledXml } from "./rest/faults";
import { isFilePath, serveFile } from "./rest/attachments";
import { handleRest, isRestPath, realmOfPath } from "./rest/router";
import { formatQboTime } from "./clock";
import type { WebhookNotifier } from "./webhooks/notifier";

/** QuickBooks refuses bodies over about 10 MB; so does the simulator (413). */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type ServerOptions = { control: boolean; latencyMs: number; webhooks: () => WebhookNotifier };

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function write(res: ServerResponse, tid: string, answer: SimAnswer): void {
  if (res.destroyed) return;
  res.writeHead(answer.status, { ...answer.headers, intuit_tid: tid });
  res.end(answer.body ?? "");
}

function systemTime(core: SimCore): string {
  return formatQboTime(core.clock.now(), -480, true);
}

async function dispatch(core: SimCore, options: ServerOptions, req: SimRequest, res: ServerResponse): Promise<SimAnswer | null> {
  const path = req.url.pathname;
  if (path.startsWith("/_sim/") || path === "/_sim") {
    return options.control ? handleControl(core, options.webhooks(), req) : json(404, { error: "not_found" });
  }
  const rest = isRestPath(path);
  const injected = core.faults.take({ target: rest ? "api" : "oauth", realmId: rest ? realmOfPath(path) : null, path });
  let delayMs = options.latencyMs;
  if (injected) {
    switch (injected.kind) {
      case "500":
        return json(500, faults.system().body(systemTime(core)));
      case "503":
        return json(503, faults.serviceUnavailable().body(systemTime(core)));
      case "429":
        return { status: 429, headers: { "content-type": "application/xml" }, body: throttledXml(systemTime(core)) };
      case "reset":
        res.socket?.destroy();
        return null;
      case "timeout":
        // Hold the connection without answering, then drop it, like a gateway timeout the client never sees.
        await new Promise((resolve) => setTimeout(resolve, injected.delayMs));
        res.socket?.destroy();
        return null;
      case "slow":
        delayMs += injected.delayMs;
        break;
    }
  }
  if (rest) return handleRest(core, req, delayMs);
  // Attachment download links (S3 presigned URLs at Intuit): no token, the secret is in the path.
  if (isFilePath(path)) return serveFile(core, path);
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  const answer = handleOAuth(core, req);
  if (answer) return answer;
  return json(404, { error: "not_found", error_description: `No QuickBooks endpoint at ${path}` });
}

export function createSimServer(core: SimCore, options: ServerOptions): Server {
  return createServer((req, res) => {
    const tid = newTid();
    void (async () => {
      try {
        const body = await readBody(req);
        if (body === null) {
          write(res, tid, json(413, { Fault: { Error: [{ Message: "Request entity too large", Detail: "The request body exceeds 10 MB.", code: "413", element: "" }], type: "ValidationFault" }, time: systemTime(core) }));
          return;
        }
        let url: URL;
        try {
          url = new URL(req.url ?? "/", "http://localhost");
        } catch {
          write(res, tid, json(400, { error: "invalid_request", error_description: "Malformed request URL" }));
          return;
        }
        const answer = await dispatch(core, options, { method: req.method ?? "GET", url, headers: req.headers, body, tid }, res);
        if (answer) write(res, tid, answer);
      } catch (error) {
        console.error(`[qbo-sim] ${req.method} ${req.url} failed (intuit_tid ${tid}):`, error);
        write(res, tid, json(500, faults.system().body(systemTime(core))));
      }
    })();
  });
}
