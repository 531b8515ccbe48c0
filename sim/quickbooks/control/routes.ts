// The control API under /_sim/: what a test, a benchmark or the demo launcher uses to set the world up and
// look inside it. It exists only on the simulator, never in the app. Bodies are checked with zod and bad
// ones get a 400 naming the field.
import { z } from "zod";
import type { SimCore } from "../core";
import { json, type SimAnswer, type SimRequest } from "../http";
import { issueTokens } from "../oauth";
import { createCompany } from "../realms";
import { entityByName } from "../rest/entities";
import type { WebhookNotifier } from "../webhooks/notifier";
import type { Limits } from "../limits";
import { usageView } from "../usage";
import { registerApp } from "./apps";

const CompanySchema = z.strictObject({
  name: z.string().min(1).max(100).optional(),
  currency: z.string().regex(/^[A-Za-z]{3}$/).optional(),
  multicurrency: z.boolean().optional(),
  country: z.string().length(2).optional(),
});

const AppSchema = z.strictObject({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  redirectUris: z.array(z.url()).default([]),
  webhookUrl: z.url().nullable().optional(),
  verifierToken: z.string().min(1).nullable().optional(),
  webhookFormat: z.enum(["legacy", "cloudevents"]).optional(),
  name: z.string().optional(),
});

const TokensSchema = z.strictObject({ clientId: z.string().min(1), realmId: z.string().min(1) });

const ExpireSchema = z.strictObject({
  accessToken: z.string().optional(),
  refreshToken: z.string().optional(),
  realmId: z.string().optional(),
  which: z.enum(["access", "refresh", "both"]).default("access"),
});

const FaultSchema = z.strictObject({
  kind: z.enum(["500", "503", "429", "timeout", "reset", "slow"]),
  target: z.enum(["api", "oauth", "all"]).default("api"),
  realmId: z.string().nullable().default(null),
  pathContains: z.string().nullable().default(null),
  count: z.number().int().positive().nullable().default(null),
  share: z.number().min(0).max(1).default(1),
  delayMs: z.number().int().min(0).max(600_000).default(2_000),
});

const LimitsSchema = z.strictObject({
  realmId: z.string().optional(),
  clientId: z.string().optional(),
  readsPerMonth: z.number().int().positive().nullable().optional(),
  requestsPerMinute: z.number().int().positive().optional(),
  concurrent: z.number().int().positive().optional(),
  batchesPerMinute: z.number().int().positive().optional(),
});

const ClockSchema = z.strictObject({
  now: z.union([z.iso.datetime({ offset: true }), z.number()]).optional(),
  advanceMs: z.number().optional(),
  speed: z.number().positive().max(100_000).optional(),
});

const CloseBooksSchema = z.strictObject({ through: z.iso.date().nullable() });

const ExchangeRateSchema = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/),
  date: z.iso.date(),
  rate: z.string().regex(/^\d+(\.\d+)?$/),
});

function bad(message: string, issues?: z.core.$ZodIssue[]): SimAnswer {
  return json(400, { error: "invalid_request", message, issues: issues?.map((i) => ({ path: i.path.join("."), message: i.message })) });
}

function parse<T>(schema: z.ZodType<T>, req: SimRequest): { value: T } | { answer: SimAnswer } {
  let raw: unknown = {};
  const text = req.body.toString("utf8");
  if (text.trim() !== "") {
    try {
      raw = JSON.parse(text);
    } catch {
      return { answer: bad("The body is not valid JSON.") };
    }
  }
  const result = schema.safeParse(raw);
  if (!result.success) return { answer: bad("The body does not match what this endpoint takes.", result.error.issues) };
  return { value: result.data };
}

function clockView(core: SimCore) {
  return { now: new Date(core.clock.now()).toISOString(), speed: core.clock.speed };
}

export async function handleControl(core: SimCore, webhooks: WebhookNotifier, req: SimRequest): Promise<SimAnswer> {
  const path = req.url.pathname.replace(/\/+$/, "");
  const method = req.method;
  const route = `${method} ${path}`;

  if (route === "GET /_sim/health") return json(200, { ok: true });

  if (route === "POST /_sim/companies") {
    const input = parse(CompanySchema, req);
    if ("answer" in input) return input.answer;
    const realm = createCompany(core, input.value);
    return json(201, { realmId: realm.realmId, companyName: realm.companyName, currency: realm.currency, multicurrency: realm.multicurrency });
  }
  if (route === "GET /_sim/companies") {
    return json(200, { companies: Object.values(core.state.realms).map((r) => ({ realmId: r.realmId, companyName: r.companyName, currency: r.currency, multicurrency: r.multicurrency })) });
  }
  if (route === "POST /_sim/apps") {
    const input = parse(AppSchema, req);
    if ("answer" in input) return input.answer;
    return json(201, registerApp(core, input.value));
  }
  if (route === "GET /_sim/apps") return json(200, { apps: Object.values(core.state.apps) });

  if (route === "POST /_sim/tokens") {
    const input = parse(TokensSchema, req);
    if ("answer" in input) return input.answer;
    if (!core.state.apps[input.value.clientId]) return bad(`No app with client id ${input.value.clientId}.`);
    if (!core.state.realms[input.value.realmId]) return bad(`No company with realm id ${input.value.realmId}.`);
    return json(200, issueTokens(core, input.value));
  }
  if (route === "GET /_sim/tokens") {
    // For tests that must prove a token never leaked into their own storage or logs.
    const realmId = req.url.searchParams.get("realmId");
    const clientId = req.url.searchParams.get("clientId");
    const keep = (t: { realmId: string | null; clientId: string }) => (!realmId || t.realmId === realmId) && (!clientId || t.clientId === clientId);
    return json(200, {
      accessTokens: Object.values(core.state.accessTokens).filter(keep).map((t) => ({ token: t.token, expiresAt: new Date(t.expiresAt).toISOString(), revoked: t.revoked })),
      refreshTokens: Object.values(core.state.refreshTokens).filter(keep).map((t) => ({ token: t.token, invalidated: t.invalidated })),
    });
  }
  if (route === "POST /_sim/tokens/expire") {
    const input = parse(ExpireSchema, req);
    if ("answer" in input) return input.answer;
    const { accessToken, refreshToken, realmId, which } = input.value;
    const now = core.clock.now();
    let expired = 0;
    if (which !== "refresh") {
      for (const t of Object.values(core.state.accessTokens)) {
        if ((accessToken && t.token === accessToken) || (realmId && t.realmId === realmId) || (!accessToken && !realmId)) {
          t.expiresAt = Math.min(t.expiresAt, now - 1);
          expired++;
        }
      }
    }
    if (which !== "access") {
      for (const t of Object.values(core.state.refreshTokens)) {
        if ((refreshToken && t.token === refreshToken) || (realmId && t.realmId === realmId) || (!refreshToken && !realmId)) {
          t.expiresAt = Math.min(t.expiresAt, now - 1);
          expired++;
        }
      }
    }
    return json(200, { expired });
  }

  if (route === "POST /_sim/faults") {
    const input = parse(FaultSchema, req);
    if ("answer" in input) return input.answer;
    const { count, ...rest } = input.value;
    return json(201, core.faults.add({ ...rest, remaining: count }));
  }
  if (route === "GET /_sim/faults") return json(200, { faults: core.faults.list() });
  if (route === "DELETE /_sim/faults") {
    core.faults.clear();
    return json(200, { faults: [] });
  }

  if (route === "POST /_sim/limits") {
    const input = parse(LimitsSchema, req);
    if ("answer" in input) return input.answer;
    const { realmId, clientId, readsPerMonth, ...given } = input.value;
    // readsPerMonth: null takes the monthly cap away (unlimited).
    const limits: Partial<Limits> = { ...given, ...(readsPerMonth === undefined ? {} : { readsPerMonth: readsPerMonth ?? undefined }) };
    if (realmId) core.limiter.overrides.set(realmId, { ...core.limiter.overrides.get(realmId), ...limits });
    else if (clientId) core.limiter.appOverrides.set(clientId, { ...core.limiter.appOverrides.get(clientId), ...limits });
    else core.limiter.limits = { ...core.limiter.limits, ...limits };
    return json(200, { limits: realmId || clientId ? core.limiter.limitsFor(realmId ?? "", clientId) : core.limiter.limits });
  }
  const usageMatch = /^\/_sim\/apps\/([^/]+)\/usage$/.exec(path);
  if (method === "GET" && usageMatch) {
    const clientId = decodeURIComponent(usageMatch[1]!);
    if (!core.state.apps[clientId] && !core.state.usage?.[clientId]) return json(404, { error: "not_found", message: `No app with client id ${clientId}.` });
    return json(200, usageView(core, clientId));
  }
  if (route === "GET /_sim/limits") return json(200, { limits: core.limiter.limits });

  if (route === "GET /_sim/clock") return json(200, clockView(core));
  if (route === "POST /_sim/clock") {
    const input = parse(ClockSchema, req);
    if ("answer" in input) return input.answer;
    const { now, advanceMs, speed } = input.value;
    core.clock.set({ now: now === undefined ? undefined : typeof now === "number" ? now : Date.parse(now), speed });
    if (advanceMs) core.clock.advance(advanceMs);
    return json(200, clockView(core));
  }

  if (route === "GET /_sim/webhooks/deliveries") return json(200, { deliveries: webhooks.deliveries() });
  if (route === "POST /_sim/webhooks/flush") {
    await webhooks.flush();
    return json(200, { deliveries: webhooks.deliveries() });
  }

  const realmMatch = /^\/_sim\/realms\/([^/]+)(?:\/(.+))?$/.exec(path);
  if (realmMatch) {
    const realm = core.state.realms[decodeURIComponent(realmMatch[1]!)];
    if (!realm) return json(404, { error: "not_found", message: "No company with that realm id." });
    const sub = realmMatch[2] ?? "";
    const entityMatch = /^entities\/([^/]+)$/.exec(sub);
    if (method === "GET" && entityMatch) {
      const def = entityByName(decodeURIComponent(entityMatch[1]!));
      if (!def) return json(404, { error: "not_found", message: `No entity named ${entityMatch[1]}.` });
      const records = Object.values(realm.entities[def.name] ?? {});
      const deleted = Object.entries(realm.deleted[def.name] ?? {}).map(([id, d]) => ({ Id: id, status: "Deleted", deletedAt: new Date(d.at).toISOString() }));
      return json(200, { entity: def.name, records, deleted });
    }
    if (method === "GET" && sub === "counters") return json(200, { realmId: realm.realmId, ...realm.counters, apps: realm.counters.apps ?? {} });
    if (method === "GET" && sub === "") {
      return json(200, { realmId: realm.realmId, companyName: realm.companyName, currency: realm.currency, multicurrency: realm.multicurrency, closedThrough: realm.closedThrough, counters: realm.counters });
    }
    if (method === "POST" && sub === "close-books") {
      const input = parse(CloseBooksSchema, req);
      if ("answer" in input) return input.answer;
      realm.closedThrough = input.value.through;
      return json(200, { realmId: realm.realmId, closedThrough: realm.closedThrough });
    }
    if (method === "POST" && sub === "exchange-rates") {
      const input = parse(ExchangeRateSchema, req);
      if ("answer" in input) return input.answer;
      realm.exchangeRates[`${input.value.currency}:${input.value.date}`] = input.value.rate;
      return json(200, { ok: true });
    }
  }
  return json(404, { error: "not_found", message: `No control endpoint ${route}. See sim/quickbooks/README.md.` });
}
