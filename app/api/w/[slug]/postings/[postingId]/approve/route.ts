import { approveHold } from "@/lib/sync/holds";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

type Params = { slug: string; postingId: string };

// Approve a held posting: not by whoever asked for the hold (checked in lib/sync/holds.ts).
export const POST = withWorkspace<Params>("postings.approve", async (_request, ctx, { postingId }) => Response.json({ posting: await approveHold(ctx, { postingId }) }));
