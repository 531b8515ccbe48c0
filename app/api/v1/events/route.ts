import { errorToResponse } from "@/lib/errors/http";
import { listApiEvents } from "@/lib/ingest/read-api-events";
import { receiveApiEvents } from "@/lib/ingest/receive-api-events";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  try {
    const answer = await receiveApiEvents(request);
    return Response.json(answer.body, { status: answer.status, headers: answer.replayed ? { "idempotent-replayed": "true" } : {} });
  } catch (error) {
    return errorToResponse(error);
  }
}

export async function GET(request: Request): Promise<Response> {
  try {
    return Response.json(await listApiEvents(request));
  } catch (error) {
    return errorToResponse(error);
  }
}
