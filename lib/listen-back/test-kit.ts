// For this folder's tests only: a workspace connected (through the real Connect flow) to a fresh simulator
// company, a posting written the way the pipeline writes it, an "accountant" editing the company through the
// simulator's REST API with a token of their own, and the simulator's webhooks delivered to the real webhook
// route. Webhooks come from a second app registered on the run's shared simulator and granted only this
// file's companies, so no other test file's company is notified here and no other file sees these.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Prisma } from "../db";
import { db } from "../db";
import { env } from "../env";
import { createQboClient, type QboClient } from "../qbo/client";
import { qboClientFor } from "../qbo/connection-client";
import { usageToday } from "../qbo/usage";
import { createWorkspaceWith } from "../../test/fixtures";
import { connectCompany, createSimCompany, simControl, simUrl } from "../../test/qbo";
import { webhookRoutesBase } from "../../test/webhook-server";
import { readBackNotification } from "./read-back-notification";

const LISTENER = { clientId: `lw-listen-back-${randomUUID().slice(0, 8)}`, clientSecret: "listen-back-secret" };

/** (Re-)registers the listener app; `webhooks: false` stops QuickBooks sending any (a webhook gap). */
export async function listenerWebhooks(on: boolean): Promise<void> {
  const url = `${await webhookRoutesBase()}/api/webhooks/quickbooks`;
  await simControl("POST", "apps", { ...LISTENER, redirectUris: [], webhookUrl: on ? url : null, verifierToken: env().qboWebhookVerifierTokens[0], webhookFormat: "cloudevents" });
}

const TokenSchema = z.object({ access_token: z.string() });

export async function listenBackWorkspace(name: string) {
  const { workspace, members } = await createWorkspaceWith(["OWNER"]);
  const realmId = await createSimCompany(`${name} ${workspace.slug}`);
  await connectCompany(workspace.slug, members[0]!.user.id, realmId);
  const connection = await db.qboConnection.findFirstOrThrow({ where: { workspaceId: workspace.id } });
  // The grant makes the listener app a subscriber of this company; its token is the accountant's.
  const token = TokenSchema.parse(await simControl("POST", "tokens", { clientId: LISTENER.clientId, realmId })).access_token;
  const accountant: QboClient = createQboClient({ baseUrl: simUrl(), realmId, tokens: { get: async () => token, refresh: async () => token } });
  const ours = await qboClientFor(connection.id);
  const ctx = { tenantId: workspace.id };
  return { workspace, connection, realmId, accountant, ours, ctx };
}
export type ListenBackWorkspace = Awaited<ReturnType<typeof listenBackWorkspace>>;

export async function serviceItemId(client: QboClient): Promise<string> {
  const page = await client.query("select * from Item where Type = 'Service'");
  const id = page.rows[0]?.Id;
  if (!id) throw new Error("The simulator's company has no service item");
  return id;
}

/** Posting and cross-reference rows for an entity just created in the company, as the pipeline writes them. */
export async function recordPosting(t: ListenBackWorkspace, input: { entityType: string; created: { Id: string; SyncToken: string }; body: Record<string, unknown>; amountMinor: number; requestId: string }) {
  const key = randomUUID();
  const inbound = await db.inboundEvent.create({ data: { workspaceId: t.workspace.id, source: "API", externalId: key, eventType: "sale", status: "NORMALISED" } });
  const canonical = await db.canonicalEvent.create({
    data: { workspaceId: t.workspace.id, inboundEventId: inbound.id, kind: "SALE", idempotencyKey: key, occurredAt: new Date(), amountMinor: BigInt(input.amountMinor), currency: "USD", data: {}, status: "POSTED" },
  });
  const posting = await db.posting.create({
    data: {
      workspaceId: t.workspace.id,
      canonicalEventId: canonical.id,
      qboConnectionId: t.connection.id,
      target: input.entityType,
      entityType: input.entityType,
      requestId: input.requestId,
      status: "POSTED",
      amountMinor: BigInt(input.amountMinor),
      currency: "USD",
      body: input.body as Prisma.InputJsonValue,
      postedAt: new Date(),
    },
  });
  const xref = await db.qboCrossReference.create({
    data: {
      workspaceId: t.workspace.id,
      postingId: posting.id,
      qboConnectionId: t.connection.id,
      realmId: t.realmId,
      entityType: input.entityType,
      entityId: input.created.Id,
      syncToken: input.created.SyncToken,
      requestId: input.requestId,
    },
  });
  return { posting, xref };
}

const requestId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 20)}`;

/** A sales receipt created in the company as the pipeline creates it, with its Posting and cross-reference rows. */
export async function postSalesReceipt(t: ListenBackWorkspace, amountMinor: number) {
  const itemId = await serviceItemId(t.ours);
  const body = { Line: [{ Amount: amountMinor / 100, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId }, TaxCodeRef: { value: "NON" } } }] };
  const id = requestId("lb-sr");
  const created = await t.ours.create("SalesReceipt", body, { requestId: id });
  return { created, ...(await recordPosting(t, { entityType: "SalesReceipt", created, body, amountMinor, requestId: id })) };
}

/** A sale booked as an Invoice and the Payment that settles it, both posted by "the pipeline". */
export async function postInvoiceAndPayment(t: ListenBackWorkspace, amountMinor: number) {
  const itemId = await serviceItemId(t.ours);
  const customer = await t.ours.create("Customer", { DisplayName: `Buyer ${randomUUID().slice(0, 8)}` }, { requestId: requestId("lb-cu") });
  const invoiceBody = { CustomerRef: { value: customer.Id }, Line: [{ Amount: amountMinor / 100, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId }, TaxCodeRef: { value: "NON" } } }] };
  const invoiceId = requestId("lb-in");
  const invoice = await t.ours.create("Invoice", invoiceBody, { requestId: invoiceId });
  const invoiceRows = await recordPosting(t, { entityType: "Invoice", created: invoice, body: invoiceBody, amountMinor, requestId: invoiceId });
  const paymentBody = { CustomerRef: { value: customer.Id }, TotalAmt: amountMinor / 100, Line: [{ Amount: amountMinor / 100, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }] };
  const paymentId = requestId("lb-pm");
  const payment = await t.ours.create("Payment", paymentBody, { requestId: paymentId });
  await recordPosting(t, { entityType: "Payment", created: payment, body: paymentBody, amountMinor, requestId: paymentId });
  return { invoice, ...invoiceRows };
}

/** What QuickBooks has waiting is sent now; answers the workspace's notifications not yet read back. */
export async function flushWebhooks(workspaceId: string) {
  await simControl("POST", "webhooks/flush");
  return db.inboundEvent.findMany({ where: { workspaceId, source: "QUICKBOOKS", status: "RECEIVED" }, orderBy: { receivedAt: "asc" } });
}

/** Flushes, then reads back every waiting notification as the job would. */
export async function deliverAndReadBack(t: ListenBackWorkspace) {
  const waiting = await flushWebhooks(t.workspace.id);
  const results = [];
  for (const event of waiting) results.push({ event, result: await readBackNotification(t.ctx, { inboundEventId: event.id }) });
  return results;
}

export async function readsToday(connectionId: string): Promise<number> {
  return (await usageToday([connectionId])).get(connectionId)?.reads ?? 0;
}
