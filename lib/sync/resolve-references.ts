import { db } from "../db";
import { DependencySchema, requestIdOf, resolvePlaceholders, uniqueDisplayName, type Dependency } from "../ledger";
import { QboError, qboString, type QboClient } from "../qbo/client";
import { z } from "zod";

// Before a posting is sent, every `{{...}}` placeholder of its body gets the QuickBooks id it stands for
// (docs/ACCOUNTING.md, "Placeholders the pipeline resolves"). Customers are found by their link (a row of
// ours, no QuickBooks read) or created. A name we already gave another source customer (two Stripe customers
// both called "Ines Byrne") is disambiguated with uniqueDisplayName at once, from our links: they are two
// people, so they stay two customers, and neither a refused create nor a read is spent finding that out. On
// 6240 for a name that is not ours, a customer QuickBooks already had under that name (entered by the
// business) is adopted, and a name a vendor or employee holds is disambiguated. Invoices and other
// postings resolve from the cross-reference of the posting that created them; one not posted yet means the
// posting is not ready (a payment waits for its invoice).

export class NotReadyError extends Error {
  override name = "NotReadyError";
}

export type Company = { id: string; workspaceId: string; homeCurrency: string; multicurrencyEnabled: boolean };

const SOURCE_NAMES: Record<string, string> = { stripe: "Stripe", shopify: "Shopify", api: "Events API" };

export async function resolveBody(client: QboClient, company: Company, body: unknown, dependsOn: unknown): Promise<Record<string, unknown>> {
  const deps = z.array(DependencySchema).parse(dependsOn);
  const ids = new Map<string, string>();
  for (const dep of deps) ids.set(dep.token, await resolveOne(client, company, dep));
  return resolvePlaceholders(body, ids) as Record<string, unknown>;
}

async function resolveOne(client: QboClient, company: Company, dep: Dependency): Promise<string> {
  switch (dep.kind) {
    case "customer":
      return customerId(client, company, dep);
    case "posting": {
      const posted = await db.posting.findFirst({ where: { qboConnectionId: company.id, target: dep.target, status: "POSTED", canonicalEvent: { workspaceId: company.workspaceId, idempotencyKey: dep.eventKey } }, select: { crossReference: { select: { entityId: true } } } });
      if (!posted?.crossReference) throw new NotReadyError(`waits for ${dep.target} of ${dep.eventKey}`);
      return posted.crossReference.entityId;
    }
    case "invoice":
    case "invoice-customer": {
      const keys = ["invoice_issued", "subscription_invoice", "sale"].map((kind) => `${dep.source}:${kind}:${dep.invoiceSourceId}`);
      const invoice = await db.posting.findFirst({
        where: { qboConnectionId: company.id, target: "Invoice", status: "POSTED", canonicalEvent: { workspaceId: company.workspaceId, idempotencyKey: { in: keys } } },
        select: { sentBody: true, crossReference: { select: { entityId: true } } },
      });
      if (!invoice?.crossReference) throw new NotReadyError(`waits for the invoice ${dep.invoiceSourceId}`);
      if (dep.kind === "invoice") return invoice.crossReference.entityId;
      const customer = (invoice.sentBody as { CustomerRef?: { value?: unknown } } | null)?.CustomerRef?.value;
      if (typeof customer !== "string") throw new NotReadyError(`the customer of invoice ${dep.invoiceSourceId} is not known`);
      return customer;
    }
  }
}

type CustomerDep = Extract<Dependency, { kind: "customer" }>;

async function customerId(client: QboClient, company: Company, dep: CustomerDep): Promise<string> {
  const link = await db.qboCustomerLink.findUnique({ where: { qboConnectionId_token: { qboConnectionId: company.id, token: dep.token } }, select: { qboId: true } });
  if (link) return link.qboId;
  const sourceName = SOURCE_NAMES[dep.source] ?? dep.source;
  const ours = await nameIsOurs(company, dep.displayName);
  const created = (!ours && (await createCustomer(client, company, dep, dep.displayName, "Customer"))) || (await disambiguated(client, company, dep, sourceName));
  await db.qboCustomerLink.createMany({ data: [{ qboConnectionId: company.id, token: dep.token, workspaceId: company.workspaceId, qboId: created.id, displayName: created.name }], skipDuplicates: true });
  // Two workers may have created or adopted it at once: the first link written wins, so every posting names one customer.
  const winner = await db.qboCustomerLink.findUniqueOrThrow({ where: { qboConnectionId_token: { qboConnectionId: company.id, token: dep.token } }, select: { qboId: true } });
  return winner.qboId;
}

async function disambiguated(client: QboClient, company: Company, dep: CustomerDep, sourceName: string): Promise<{ id: string; name: string }> {
  const name = uniqueDisplayName(dep.displayName, [dep.displayName], sourceName, dep.sourceId);
  const created = await createCustomer(client, company, dep, name, "Customer:unique");
  if (created) return created;
  throw new QboError({ code: "6240", type: "ValidationFault", message: `QuickBooks refused the customer names "${dep.displayName}" and "${name}": another customer, vendor or employee uses them`, status: 400, retryable: false, element: "DisplayName" });
}

/** Creates the customer, or adopts a customer QuickBooks had under that name; null when a vendor or employee has the name, or we gave it to another source customer. */
async function createCustomer(client: QboClient, company: Company, dep: CustomerDep, name: string, target: string): Promise<{ id: string; name: string } | null> {
  const foreign = company.multicurrencyEnabled && dep.currency !== company.homeCurrency.trim().toUpperCase();
  const body = { DisplayName: name, ...(dep.email ? { PrimaryEmailAddr: { Address: dep.email } } : {}), ...(foreign ? { CurrencyRef: { value: dep.currency } } : {}) };
  try {
    const customer = await client.create("Customer", body, { requestId: requestIdOf(`customer:${company.id}:${dep.token}`, target) });
    return { id: customer.Id, name: customer.DisplayName };
  } catch (error) {
    if (!(error instanceof QboError) || error.code !== "6240") throw error;
    // Another worker gave the name to another source customer a moment ago: disambiguate, do not merge.
    if (await nameIsOurs(company, name)) return null;
    const page = await client.query(`SELECT * FROM Customer WHERE DisplayName = ${qboString(name)}`);
    const existing = page.rows[0] as { Id?: unknown; DisplayName?: unknown } | undefined;
    if (existing && typeof existing.Id === "string") return { id: existing.Id, name };
    return null;
  }
}

/** True when a customer we created or adopted for some source customer already carries this name. */
async function nameIsOurs(company: Company, displayName: string): Promise<boolean> {
  return (await db.qboCustomerLink.count({ where: { qboConnectionId: company.id, displayName } })) > 0;
}
