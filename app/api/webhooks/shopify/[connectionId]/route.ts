import { receiveShopifyWebhook } from "@/lib/ingest/receive-shopify";
import { answerWebhook } from "@/lib/ingest/webhook-route";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ connectionId: string }> }): Promise<Response> {
  const { connectionId } = await params;
  return answerWebhook(() => receiveShopifyWebhook(request, connectionId));
}
