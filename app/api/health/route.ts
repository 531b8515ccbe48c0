import { db } from "@/lib/db";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

// 200 when every part answers, 503 naming the failing parts otherwise (load balancers and the UI read this).
export async function GET(): Promise<Response> {
  const health = await checkHealth(db);
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
