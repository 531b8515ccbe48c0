import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import { qboClientFor } from "../qbo/connection-client";
import { findCategoryDef } from "./catalogue";
import { findMappingConnection, mappingAudit, type MappingCtx } from "./context";
import { qboFailure } from "./qbo-failure";
import { listWriteRequestId } from "./qbo-request-id";
import { refreshReferenceData } from "./refresh-reference-data";
import { CreateQboAccountSchema, type CreateQboAccount } from "./schemas";

// "Create account in QuickBooks" for the categories that usually have no account yet (a processor's clearing
// account, disputed charges, chargeback losses): the account the catalogue names, of the type it needs. An
// account of that name already in the company is used as it is. Audited, then the cache is refreshed so the
// page can choose it at once.

export type CreatedAccount = { id: string; name: string; accountType: string; created: boolean };

export async function createQboAccount(ctx: MappingCtx, input: CreateQboAccount): Promise<CreatedAccount> {
  const { qboConnectionId, category } = CreateQboAccountSchema.parse(input);
  const def = findCategoryDef(category);
  if (!def?.create) throw new AppError("BAD_REQUEST", `Ledgerwire does not create an account for ${category}; choose one of the company's accounts.`);
  const connection = await findMappingConnection(ctx, { qboConnectionId, edit: true });
  const { name, accountType, accountSubType } = def.create;

  const existing = await findByName(connection.id, name);
  if (existing?.accountType === accountType) return { id: existing.qboId, name: existing.name, accountType, created: false };
  if (existing) throw new AppError("CONFLICT", `QuickBooks already has an account named ${name}, of type ${existing.accountType ?? "unknown"}; rename it in QuickBooks or choose another account.`);

  const client = await qboClientFor(connection.id);
  const account = await client
    .create("Account", { Name: name, AccountType: accountType, AccountSubType: accountSubType, Description: `${def.label}, created by Ledgerwire for its postings.` }, { requestId: listWriteRequestId(connection.realmId, "Account", name) })
    .catch((error: unknown) => qboFailure(error, `create the account ${name}`));
  await recordAudit(db, {
    ...mappingAudit(ctx),
    action: "qbo.account.created",
    target: { type: "QboAccount", id: account.Id },
    after: { name: account.Name, accountType: account.AccountType, category, qboConnectionId: connection.id, realmId: connection.realmId },
  });
  await refreshReferenceData(ctx, { qboConnectionId: connection.id });
  return { id: account.Id, name: account.Name, accountType: account.AccountType, created: true };
}

async function findByName(qboConnectionId: string, name: string) {
  return db.qboReferenceRow.findFirst({ where: { qboConnectionId, entity: "Account", active: true, name: { equals: name, mode: "insensitive" } } });
}
