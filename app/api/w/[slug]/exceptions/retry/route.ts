import { parseJson } from "@/lib/http/parse-json";
import { RetryExceptionsSchema, retryExceptions } from "@/lib/sync/exception-actions";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

// Retry one or many exceptions; `afterMappingChange` plans their events again with today's mapping.
export const POST = withWorkspace("exceptions.resolve", async (request, ctx) => Response.json(await retryExceptions(ctx, await parseJson(request, RetryExceptionsSchema))));
