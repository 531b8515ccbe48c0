import { receiveQuickBooksWebhook } from "@/lib/ingest/receive-quickbooks";
import { answerWebhook } from "@/lib/ingest/webhook-route";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return answerWebhook(() => receiveQuickBooksWebhook(request));
}
