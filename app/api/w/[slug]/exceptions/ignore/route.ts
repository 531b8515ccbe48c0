import { parseJson } from "@/lib/http/parse-json";
import { IgnoreExceptionsSchema, ignoreExceptions } from "@/lib/sync/exception-actions";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

// Ignore one or many exceptions, with the reason the audit log keeps.
export const POST = withWorkspace("exceptions.resolve", async (request, ctx) => Response.json(await ignoreExceptions(ctx, await parseJson(request, IgnoreExceptionsSchema))));
