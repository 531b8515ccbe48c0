import { buildOpenApiDocument } from "@/lib/api-docs/openapi";
import { env } from "@/lib/env";

export function GET(): Response {
  return Response.json(buildOpenApiDocument(env().appUrl), { headers: { "cache-control": "public, max-age=300" } });
}
