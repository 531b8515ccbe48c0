import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { DEMO_INTUIT_APP, env } from "../env";
import { enqueueEvent, outboxEventId } from "../jobs/outbox";
import { activateMappingVersion } from "../mappings/activate-mapping-version";
import type { MappingCtx } from "../mappings/context";
import { createQboAccount } from "../mappings/create-qbo-account";
import { createQboItem } from "../mappings/create-qbo-item";
import { refreshReferenceData } from "../mappings/refresh-reference-data";
import { saveMappingVersion } from "../mappings/save-mapping-version";
import { sealedTokenColumns } from "../qbo/token-manager";
import { DEMO_SHOPIFY_SOURCE, DEMO_STRIPE_SOURCE } from "./demo-sources";
import { DEMO_USERS, DEMO_WORKSPACE_SLUG } from "./seed-demo";

// Demo mode's books: the demo workspace connected to the simulator's demo company, with the accounts and items a
// processor needs created there (Stripe Clearing, Shopify Clearing, Disputed charges, Chargeback losses, an
// "Online sales" item) and a complete mapping for the Stripe and Shopify sources, ACTIVE. Run by the dev
// launcher once the simulator is up. Does nothing once an active mapping exists, so restarts keep what a person
// changed; a half-finished run is completed (accounts are found by name, QuickBooks writes carry fixed request ids).

export const DEMO_COMPANY_NAME = "Ledgerwire Demo Company";
const SEED_ACTOR = { type: "SYSTEM" as const, label: "demo seed" };

const CompaniesSchema = z.object({ companies: z.array(z.looseObject({ realmId: z.string(), companyName: z.string(), currency: z.string().optional(), multicurrency: z.boolean().optional() })) });
const TokensSchema = z.object({ access_token: z.string().min(1), refresh_token: z.string().min(1), expires_in: z.number(), x_refresh_token_expires_in: z.number() });

async function sim<T>(schema: z.ZodType<T>, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${env().qboSimUrl}/_sim/${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`The QuickBooks simulator answered ${response.status} to ${method} /_sim/${path}.`);
  return schema.parse(await response.json());
}

const DEMO_TAX_RATES = ["4", "6", "6.25"] as const;

export async function seedDemoBooks(): Promise<{ seeded: boolean }> {
  if (!env().demoMode || !env().qboSimUrl) return { seeded: false };
  const workspace = await db.workspace.findUnique({ where: { slug: DEMO_WORKSPACE_SLUG }, select: { id: true } });
  if (!workspace) return { seeded: false };
  if (await db.mappingVersion.count({ where: { workspaceId: workspace.id, status: "ACTIVE" } })) return { seeded: false };

  const owner = await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS[0].email }, select: { id: true, email: true, name: true } });
  const ctx: MappingCtx = { tenantId: workspace.id, user: owner, actor: SEED_ACTOR };
  const qboConnectionId = await demoConnection(workspace.id);
  await refreshReferenceData(ctx, { qboConnectionId });

  const account = async (category: string) => (await createQboAccount(ctx, { qboConnectionId, category })).id;
  const rows = await db.qboReferenceRow.findMany({ where: { qboConnectionId } });
  const named = (entity: string, name: string) => rows.find((r) => r.entity === entity && r.name === name)?.qboId;
  const income = named("Account", "Sales of Product Income")!;
  const sales = await createQboItem(ctx, { qboConnectionId, category: "revenue", name: "Online sales", incomeAccountId: income });
  const refunds = await createQboItem(ctx, { qboConnectionId, category: "refunds", name: "Refunds", incomeAccountId: named("Account", "Refunds-Allowances") ?? income });
  const checking = named("Account", "Checking")!;
  const fees = named("Account", "Merchant Account Fees") ?? named("Account", "Bank Charges")!;
  const shipping = named("Item", "Shipping");
  // The demo shop charges US sales tax at these rates (sim/sources/shopify-events.ts: the first rate of each
  // place decides the code). A US company books the charged tax through its one sales-tax code, with the
  // amount as the source charged it (TxnTaxDetail override), so every rate maps to that code.
  const salesTax = named("TaxCode", "State sales tax");
  const taxEntries = salesTax ? Object.fromEntries(DEMO_TAX_RATES.map((rate) => [`tax:rate:${rate}`, { qboTaxCodeId: salesTax }])) : {};

  const version = await saveMappingVersion(ctx, {
    qboConnectionId,
    note: "Demo mapping, set up by the demo seed.",
    entries: {
      "clearing:stripe": { qboAccountId: await account("clearing:stripe") },
      "clearing:shopify": { qboAccountId: await account("clearing:shopify") },
      "bank:stripe": { qboAccountId: checking },
      "bank:shopify": { qboAccountId: checking },
      revenue: { qboItemId: sales.id },
      refunds: { qboItemId: refunds.id },
      ...(shipping ? { shipping: { qboItemId: shipping } } : {}),
      "fees:processing": { qboAccountId: fees },
      ...taxEntries,
      "disputes:holding": { qboAccountId: await account("disputes:holding") },
      "disputes:loss": { qboAccountId: await account("disputes:loss") },
    },
  });
  await activateMappingVersion(ctx, { versionId: version.id });
  return { seeded: true };
}

/** The demo workspace's connection to the simulator's demo company, made with tokens the simulator issues. */
async function demoConnection(workspaceId: string): Promise<string> {
  const existing = await db.qboConnection.findFirst({ where: { workspaceId, status: { not: "DISCONNECTED" } }, select: { id: true } });
  if (existing) return existing.id;
  const { companies } = await sim(CompaniesSchema, "GET", "companies");
  const company = companies.find((c) => c.companyName === DEMO_COMPANY_NAME) ?? companies[0];
  if (!company) throw new Error("The QuickBooks simulator has no company to connect the demo workspace to.");
  const answer = await sim(TokensSchema, "POST", "tokens", { clientId: DEMO_INTUIT_APP.clientId, realmId: company.realmId });
  const now = Date.now();
  const tokens = {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    accessTokenExpiresAt: new Date(now + answer.expires_in * 1000),
    refreshTokenExpiresAt: new Date(now + answer.x_refresh_token_expires_in * 1000),
    refreshTokenHardExpiresAt: null,
  };
  const id = `qbc_${randomUUID().replaceAll("-", "")}`;
  await db.$transaction(async (tx) => {
    const connection = await tx.qboConnection.create({
      data: {
        id,
        workspaceId,
        realmId: company.realmId,
        environment: "SANDBOX",
        companyName: company.companyName,
        homeCurrency: (company.currency ?? "USD").toUpperCase(),
        multicurrencyEnabled: company.multicurrency ?? false,
        lastRefreshedAt: new Date(),
        ...sealedTokenColumns(id, tokens),
      },
    });
    await recordAudit(tx, {
      workspaceId,
      actor: SEED_ACTOR,
      action: "qbo.connection.connected",
      target: { type: "QboConnection", id },
      after: { status: "CONNECTED", environment: "SANDBOX", realmId: company.realmId, companyName: company.companyName, homeCurrency: connection.homeCurrency },
    });
    await enqueueEvent(tx, {
      id: outboxEventId("qbo/connection.connected", id, String(connection.connectedAt.getTime())),
      name: "qbo/connection.connected",
      workspaceId,
      data: { workspaceId, connectionId: id, realmId: company.realmId },
    });
  });
  return id;
}

// The sources the demo mapping covers, named so a reader of this file knows which connections it is for.
export const DEMO_BOOK_SOURCES = [DEMO_STRIPE_SOURCE.id, DEMO_SHOPIFY_SOURCE.id] as const;
