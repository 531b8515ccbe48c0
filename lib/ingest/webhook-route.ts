import { errorToResponse } from "../errors/http";
import type { WebhookAnswer } from "./receive-quickbooks";

/** The one wrapper for webhook routes: the answer as JSON, or the error mapped to its status (never a 500 for input). */
export async function answerWebhook(receive: () => Promise<WebhookAnswer>): Promise<Response> {
  try {
    const answer = await receive();
    return Response.json(answer.body, { status: answer.status });
  } catch (error) {
    return errorToResponse(error);
  }
}
