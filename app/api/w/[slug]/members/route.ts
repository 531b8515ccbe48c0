import { listMembers } from "@/lib/members/list-members";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

export const GET = withWorkspace("members.manage", async (_request, ctx) => Response.json({ members: await listMembers(ctx) }));
