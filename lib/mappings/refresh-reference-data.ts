import { db } from "../db";
import { qboClientFor } from "../qbo/connection-client";
import { invalidateReferenceData } from "../qbo/client";
import { findMappingConnection, type MappingCtx } from "./context";
import { qboFailure } from "./qbo-failure";

// Reads the company's chart of accounts, items and tax codes (inactive ones too: a mapping may still point at
// one) and its country, and replaces the connection's cached rows with them in one transaction. Four metered
// reads; the mapping screens then read the cache, not QuickBooks.

/** The country of the company, kept in the cache as a row of its own: the ledger's tax rules depend on it. */
export const COMPANY_ROW = { entity: "CompanyInfo", qboId: "country" } as const;

const ALL = { where: "Active IN (true,false)" };

export async function refreshReferenceData(ctx: MappingCtx, input: { qboConnectionId?: string }): Promise<{ refreshedAt: Date; accounts: number; items: number; taxCodes: number }> {
  const connection = await findMappingConnection(ctx, { qboConnectionId: input.qboConnectionId });
  const client = await qboClientFor(connection.id);
  const [accounts, items, taxCodes, info] = await Promise.all([client.queryAll("Account", ALL), client.queryAll("Item", ALL), client.queryAll("TaxCode", ALL), client.companyInfo()]).catch((error: unknown) =>
    qboFailure(error, "list the company's accounts"),
  );
  const typeOf = new Map(accounts.map((a) => [a.Id, a.AccountType]));
  const refreshedAt = new Date();
  const rows = [
    ...accounts.map((a) => ({ entity: "Account", qboId: a.Id, name: a.FullyQualifiedName ?? a.Name, accountType: a.AccountType, accountSubType: a.AccountSubType ?? null, incomeAccountId: null, active: a.Active !== false })),
    ...items.map((i) => ({
      entity: "Item",
      qboId: i.Id,
      name: i.Name,
      accountType: i.IncomeAccountRef ? (typeOf.get(i.IncomeAccountRef.value) ?? null) : null,
      accountSubType: i.Type,
      incomeAccountId: i.IncomeAccountRef?.value ?? null,
      active: i.Active !== false,
    })),
    ...taxCodes.map((t) => ({ entity: "TaxCode", qboId: t.Id, name: t.Name, accountType: null, accountSubType: null, incomeAccountId: null, active: t.Active !== false })),
    { ...COMPANY_ROW, name: typeof info.Country === "string" && /^[A-Z]{2}$/.test(info.Country) ? info.Country : "US", accountType: null, accountSubType: null, incomeAccountId: null, active: true },
  ].map((r) => ({ ...r, qboConnectionId: connection.id, refreshedAt }));
  await db.$transaction([db.qboReferenceRow.deleteMany({ where: { qboConnectionId: connection.id } }), db.qboReferenceRow.createMany({ data: rows })]);
  // The posting pipeline's in-memory lists of this company are stale too.
  invalidateReferenceData(connection.realmId);
  return { refreshedAt, accounts: accounts.length, items: items.length, taxCodes: taxCodes.length };
}
