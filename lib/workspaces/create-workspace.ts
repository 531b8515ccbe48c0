import { randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { db, Prisma } from "../db";
import { auditedBy } from "../tenancy/actor";
import type { RequestMeta } from "../tenancy/request-meta";
import { slugify } from "./slugify";

export const CreateWorkspaceSchema = z.object({ name: z.string().trim().min(2, "Give the workspace a name of at least 2 characters.").max(80) }).strict();
export type CreateWorkspace = z.infer<typeof CreateWorkspaceSchema>;

/** Creates a workspace with its creator as owner. A taken slug gets a short random suffix instead of failing. */
export async function createWorkspace(input: CreateWorkspace & { user: { id: string; email: string }; meta?: Partial<RequestMeta> }) {
  const base = slugify(input.name);
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${randomBytes(3).toString("hex")}`;
    try {
      return await db.$transaction(async (tx) => {
        const workspace = await tx.workspace.create({ data: { slug, name: input.name } });
        await tx.membership.create({ data: { workspaceId: workspace.id, userId: input.user.id, role: "OWNER" } });
        await recordAudit(tx, {
          ...auditedBy(workspace.id, input.user, input.meta),
          action: "workspace.created",
          target: { type: "Workspace", id: workspace.id },
          after: { name: workspace.name, slug: workspace.slug },
        });
        return workspace;
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") continue;
      throw error;
    }
  }
  throw new Error("could not find a free workspace address");
}
