import { recordAudit } from "../audit/record-audit";
import { rolesWith } from "../auth/permissions";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import { checkVersion, describeCheck, versionCategories } from "./check-version";
import { authorOf, mappingAudit, type MappingCtx } from "./context";
import { listReferenceData } from "./list-reference-data";
import { allCategories, requiredCategories } from "./required-categories";
import { readSettings } from "./settings";
import { ActivateMappingVersionSchema, type ActivateMappingVersion } from "./schemas";

// Makes a version the one postings use. Refused, naming every category, while a required category is unmapped
// or mapped to something of an unfitting type (required includes what its settings need: the A/R account for
// refunds booked as credit memos). Exactly one version per QuickBooks connection is ACTIVE: the one
// before is RETIRED in the same transaction (and a partial unique index backs this up). Audited with before and
// after. Activating the active version again changes nothing.

export async function activateMappingVersion(ctx: MappingCtx, input: ActivateMappingVersion): Promise<{ id: string; version: number; status: "ACTIVE" }> {
  const { versionId } = ActivateMappingVersionSchema.parse(input);
  const version = await db.mappingVersion.findFirst({
    where: { id: versionId, workspaceId: ctx.tenantId, workspace: { memberships: { some: { userId: ctx.user.id, role: { in: rolesWith("mappings.edit") } } } } },
    include: { rules: true },
  });
  if (!version) throw new AppError("NOT_FOUND", "There is no such mapping version in this workspace, or your role may not activate it.");
  if (version.status === "ACTIVE") return { id: version.id, version: version.version, status: "ACTIVE" };

  const [required, reference] = await Promise.all([requiredCategories(ctx, { qboConnectionId: version.qboConnectionId }), listReferenceData(ctx, { qboConnectionId: version.qboConnectionId })]);
  const check = checkVersion(versionCategories(allCategories(required), version), version.rules, reference.rows);
  if (check.unmapped.length > 0 || check.misfits.length > 0) {
    throw new AppError("VALIDATION_FAILED", describeCheck(check), { reason: "MAPPING_INCOMPLETE", unmapped: check.unmapped.map((d) => d.key), misfits: check.misfits });
  }

  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`mapping:${version.qboConnectionId}`}))`;
    const previous = await tx.mappingVersion.findFirst({ where: { qboConnectionId: version.qboConnectionId, status: "ACTIVE" }, select: { id: true, version: true } });
    if (previous) await tx.mappingVersion.update({ where: { id: previous.id }, data: { status: "RETIRED" } });
    const now = new Date();
    await tx.mappingVersion.update({ where: { id: version.id }, data: { status: "ACTIVE", activatedById: authorOf(ctx), activatedAt: now } });
    await recordAudit(tx, {
      ...mappingAudit(ctx),
      action: "mapping.version.activated",
      target: { type: "MappingVersion", id: version.id },
      before: { activeVersion: previous?.version ?? null, status: version.status },
      after: {
        activeVersion: version.version,
        status: "ACTIVE",
        qboConnectionId: version.qboConnectionId,
        settings: readSettings(version.settings),
        entries: Object.fromEntries(version.rules.map((r) => [r.category, r.qboItemId ? `item ${r.qboItemId}` : r.qboTaxCodeId ? `tax code ${r.qboTaxCodeId}` : (r.qboAccountName ?? r.qboAccountId)])),
      },
    });
    return { id: version.id, version: version.version, status: "ACTIVE" as const };
  });
}
