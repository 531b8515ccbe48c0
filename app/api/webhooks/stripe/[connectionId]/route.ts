import { receiveStripeWebhook } from "@/lib/ingest/receive-stripe";
import { answerWebhook } from "@/lib/ingest/webhook-route";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ connectionId: string }> }): Promise<Response> {
  const { connectionId } = await params;
  return answerWebhook(() => receiveStripeWebhook(request, connectionId));
}
