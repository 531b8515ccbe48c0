import { errorToResponse } from "@/lib/errors/http";
import { getApiEvent } from "@/lib/ingest/read-api-events";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    return Response.json(await getApiEvent(request, (await params).id));
  } catch (error) {
    return errorToResponse(error);
  }
}
