import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import { qboClientFor } from "../qbo/connection-client";
import { ROLE_FITS } from "./catalogue";
import { findMappingConnection, mappingAudit, type MappingCtx } from "./context";
import { qboFailure } from "./qbo-failure";
import { listWriteRequestId } from "./qbo-request-id";
import { refreshReferenceData } from "./refresh-reference-data";
import { CreateQboItemSchema, type CreateQboItem } from "./schemas";

// Sales lines credit income through an item, so a revenue account needs an item in front of it: this creates a
// Service item posting to the chosen income account. Audited; the cache is refreshed afterwards.

export type CreatedItem = { id: string; name: string; incomeAccountId: string; created: boolean };

export async function createQboItem(ctx: MappingCtx, input: CreateQboItem): Promise<CreatedItem> {
  const { qboConnectionId, category, name, incomeAccountId } = CreateQboItemSchema.parse(input);
  const connection = await findMappingConnection(ctx, { qboConnectionId, edit: true });
  const income = await db.qboReferenceRow.findUnique({ where: { qboConnectionId_entity_qboId: { qboConnectionId: connection.id, entity: "Account", qboId: incomeAccountId } } });
  if (!income || !(ROLE_FITS.income as readonly string[]).includes(income.accountType ?? "")) {
    throw new AppError("VALIDATION_FAILED", "Choose an Income or Other Income account for the new item to post to.", { errors: [{ path: "incomeAccountId", message: "Choose an Income or Other Income account for the new item to post to." }] });
  }
  const existing = await db.qboReferenceRow.findFirst({ where: { qboConnectionId: connection.id, entity: "Item", active: true, name: { equals: name, mode: "insensitive" } } });
  if (existing) {
    if (existing.incomeAccountId === incomeAccountId) return { id: existing.qboId, name: existing.name, incomeAccountId, created: false };
    throw new AppError("CONFLICT", `QuickBooks already has an item named ${name}, posting to another account; choose it, or pick another name.`);
  }

  const client = await qboClientFor(connection.id);
  const item = await client
    .create("Item", { Name: name, Type: "Service", IncomeAccountRef: { value: incomeAccountId } }, { requestId: listWriteRequestId(connection.realmId, "Item", name) })
    .catch((error: unknown) => qboFailure(error, `create the item ${name}`));
  await recordAudit(db, {
    ...mappingAudit(ctx),
    action: "qbo.item.created",
    target: { type: "QboItem", id: item.Id },
    after: { name: item.Name, incomeAccountId, incomeAccountName: income.name, category, qboConnectionId: connection.id, realmId: connection.realmId },
  });
  await refreshReferenceData(ctx, { qboConnectionId: connection.id });
  return { id: item.Id, name: item.Name, incomeAccountId, created: true };
}
