// /v3/company/{realmId}/...: authentication, limits, read/write counters, `requestid` replay, then the
// operation. Every failure is a QuickBooks Fault; nothing a client sends can crash the simulator.
import { realmContext, type SimCore } from "../core";
import { json, type SimAnswer, type SimRequest } from "../http";
import { countCall, readAllowed } from "../usage";
import { authorize } from "./auth";
import { downloadUrl, runUpload } from "./attachments";
import { runBatch } from "./batch";
import { runCdc } from "./cdc";
import type { RealmContext } from "./context";
import { applyOperation, readEntity, type Operation } from "./crud";
import { entityByPath } from "./entities";
import { QboFault, faults, throttledXml } from "./faults";
import { PDF_ENTITIES, documentPdf } from "./pdf";
import { runQuery } from "./query";
import { runReport } from "./reports";
import { readExchangeRate, updateExchangeRate } from "./settings";
import { findRecord, responseTime } from "./store";

const PREFIX = /^\/v3\/company\/([^/]+)(?:\/(.*))?$/;
const REQUEST_ID_MAX = 50;

export function isRestPath(path: string): boolean {
  return PREFIX.test(path);
}

export function realmOfPath(path: string): string | null {
  return PREFIX.exec(path)?.[1] ?? null;
}

function faultAnswer(ctx: RealmContext, fault: QboFault): SimAnswer {
  return json(fault.status, fault.body(responseTime(ctx)));
}

function parseBody(req: SimRequest): unknown {
  const text = req.body.toString("utf8");
  if (text.trim() === "") throw faults.malformedBody("No content to map due to end-of-input");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw faults.malformedBody(`Unexpected character: ${(error as Error).message}`);
  }
}

/** A route answers a JSON body (the router adds `time`), or `raw`: a PDF, a download URL. */
type Route = { read: boolean; batch: boolean; run: (ctx: RealmContext) => { status?: number; body: Record<string, unknown> } | { raw: SimAnswer } };

function resolve(core: SimCore, req: SimRequest, ctx: RealmContext, rest: string): Route | null {
  const segments = rest.split("/").filter(Boolean).map((s) => decodeURIComponent(s));
  const [first, second, third] = segments;
  if (!first || segments.length > 3) return null;
  const query = req.url.searchParams;
  const method = req.method;
  const lower = first.toLowerCase();

  // GET /invoice/{id}/pdf and the other sales forms.
  if (segments.length === 3) {
    const def = entityByPath(lower);
    if (method !== "GET" || third?.toLowerCase() !== "pdf" || !def || !PDF_ENTITIES.includes(def.name)) return null;
    const pdf = () => documentPdf(def.name, findRecord(ctx, def.name, second!), ctx.realm.companyName);
    return { read: true, batch: false, run: () => ({ raw: { status: 200, headers: { "content-type": "application/pdf" }, body: pdf() } }) };
  }
  if (lower === "upload" && method === "POST" && segments.length === 1) {
    return { read: false, batch: false, run: () => ({ body: runUpload(core, ctx, req) }) };
  }
  if (lower === "download" && method === "GET" && second) {
    return { read: true, batch: false, run: () => ({ raw: downloadUrl(core, ctx, second) }) };
  }

  if (lower === "query" && (method === "GET" || method === "POST") && segments.length === 1) {
    return {
      read: true,
      batch: false,
      run: () => {
        const text = method === "GET" ? query.get("query") : query.get("query") ?? req.body.toString("utf8");
        if (!text) throw faults.queryParse("Encountered \"<EOF>\" at line 1, column 1.\nWas expecting:\n    \"select\" ...\n    ");
        return { body: { QueryResponse: runQuery(ctx, text) } };
      },
    };
  }
  if (lower === "batch" && method === "POST" && segments.length === 1) {
    return { read: false, batch: true, run: () => ({ body: runBatch(ctx, parseBody(req)) }) };
  }
  if (lower === "cdc" && method === "GET" && segments.length === 1) {
    return { read: true, batch: false, run: () => ({ body: { CDCResponse: runCdc(ctx, query.get("entities"), query.get("changedSince")) } }) };
  }
  if (lower === "exchangerate" && method === "POST" && segments.length === 1) {
    return { read: false, batch: false, run: () => ({ body: { ExchangeRate: updateExchangeRate(ctx, parseBody(req)) } }) };
  }
  if (lower === "exchangerate" && method === "GET" && segments.length === 1) {
    return {
      read: true,
      batch: false,
      run: () => ({ body: { ExchangeRate: readExchangeRate(ctx, query.get("sourcecurrencycode"), query.get("asofdate")) } }),
    };
  }

  if (lower === "reports" && method === "GET" && second) {
    const path = req.url.pathname.replace(/^\/v3\/company\/[^/]+/, `/v3/company/${ctx.realm.realmId}`);
    return { read: true, batch: false, run: () => ({ body: runReport(ctx, second, query, path, req.url.toString()) }) };
  }

  const def = entityByPath(lower);
  if (!def) return null;

  if (method === "GET") {
    // CompanyInfo is read by the realm id; Preferences has no id at all.
    if (def.name === "Preferences" && segments.length === 1) {
      return { read: true, batch: false, run: () => ({ body: { Preferences: singleton(ctx, "Preferences") } }) };
    }
    if (!second) return null;
    // QuickBooks reads CompanyInfo by the realm id, though the record's own Id is "1".
    if (def.name === "CompanyInfo") {
      return { read: true, batch: false, run: () => ({ body: { CompanyInfo: second === ctx.realm.realmId ? singleton(ctx, "CompanyInfo") : readEntity(ctx, def, second) } }) };
    }
    return { read: true, batch: false, run: () => ({ body: { [def.name]: readEntity(ctx, def, second) } }) };
  }
  if (method === "POST" && segments.length === 1) {
    const requested = query.get("operation");
    if (requested !== null && !["update", "delete", "void"].includes(requested)) return null;
    return {
      read: false,
      batch: false,
      run: () => {
        const body = parseBody(req);
        const operation: Operation = (requested as Operation | null) ?? "create";
        return { body: { [def.name]: applyOperation(ctx, def, operation, body) } };
      },
    };
  }
  return null;
}

function singleton(ctx: RealmContext, entity: string) {
  const record = findRecord(ctx, entity, "1");
  if (!record) throw faults.objectNotFound();
  return record;
}

/** `delayMs` holds the answer (an injected slow response, or the configured latency) while it counts as in flight. */
export async function handleRest(core: SimCore, req: SimRequest, delayMs = 0): Promise<SimAnswer> {
  const match = PREFIX.exec(req.url.pathname)!;
  const realmId = decodeURIComponent(match[1]!);
  const auth = authorize(core, req, realmId);
  if ("answer" in auth) return auth.answer;
  const realm = core.state.realms[realmId]!;
  const ctx = realmContext(core, realm);

  const route = resolve(core, req, ctx, match[2] ?? "");
  if (!route) {
    return faultAnswer(ctx, faults.unsupportedOperation(req.url.pathname.replace(/^\/v3\/company\/[^/]+/, `/v3/company/${realmId}`), `${core.baseUrl()}${req.url.pathname}${req.url.search}`));
  }

  const clientId = auth.token.clientId;
  const throttled = () => ({ status: 429, headers: { "content-type": "application/xml" }, body: throttledXml(responseTime(ctx)) });
  // Reads past the app's monthly allowance are throttled like any other limit.
  if (route.read && !readAllowed(core, realmId, clientId)) return throttled();
  if (!core.limiter.acquire(realmId, route.batch, clientId)) return throttled();
  try {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    countCall(core, realm, clientId, route.read);

    const requestId = req.method === "POST" ? req.url.searchParams.get("requestid") : null;
    if (requestId !== null && requestId.length > REQUEST_ID_MAX) {
      return faultAnswer(ctx, faults.invalidValue("requestid", `requestid must be at most ${REQUEST_ID_MAX} characters`));
    }
    const replay = requestId ? realm.requests[requestId] : undefined;
    if (replay) return { status: replay.status, headers: { "content-type": "application/json;charset=UTF-8" }, body: replay.body };

    let answer: SimAnswer;
    try {
      const result = route.run(ctx);
      answer = "raw" in result ? result.raw : json(result.status ?? 200, { ...result.body, time: responseTime(ctx) });
    } catch (error) {
      if (!(error instanceof QboFault)) throw error;
      answer = faultAnswer(ctx, error);
    }
    // Only answers that changed something (or were refused for good) are remembered; a 5xx is not.
    if (requestId && answer.status < 500) realm.requests[requestId] = { status: answer.status, body: String(answer.body), at: core.clock.now() };
    return answer;
  } finally {
    core.limiter.release(realmId, clientId);
  }
}
