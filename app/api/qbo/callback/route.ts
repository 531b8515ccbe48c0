import { getSessionUser } from "@/lib/auth/session-user";
import { isDatabaseUnavailable } from "@/lib/db/database-unavailable";
import { env } from "@/lib/env";
import { errorToResponse } from "@/lib/errors/http";
import { logger } from "@/lib/log/logger";
import { completeConnect } from "@/lib/qbo/complete-connect";
import { ConnectStateError } from "@/lib/qbo/connect-state";
import { requestMeta } from "@/lib/tenancy/request-meta";

// Intuit sends the browser here after the consent page. Every outcome is a redirect to a page that says what
// happened, except a database that cannot be reached: that is the 503 DATABASE_UNAVAILABLE with Retry-After that
// every route answers (an outage, not a failed connection; one met before the state was used up, the session
// check included, leaves the link good for a reload), never a 500.

function to(path: string): Response {
  return Response.redirect(`${env().appUrl}${path}`, 303);
}

export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  try {
    const user = await getSessionUser(request);
    if (!user) return to(`/sign-in?callbackUrl=${encodeURIComponent(`${url.pathname}${url.search}`)}`);
    // The URL Intuit redirected to, rebuilt on our public base (behind a proxy request.url may be internal).
    const callbackUrl = new URL(`${env().appUrl}${url.pathname}${url.search}`);
    const outcome = await completeConnect(user, callbackUrl, requestMeta(request));
    const page = `/w/${outcome.slug}/connections`;
    switch (outcome.kind) {
      case "connected":
      case "reconnected":
        return to(`${page}?${outcome.kind}=${encodeURIComponent(outcome.companyName)}`);
      case "taken":
        return to(`${page}?error=taken&company=${encodeURIComponent(outcome.companyName)}`);
      case "cancelled":
        return to(`${page}?error=cancelled`);
      case "forbidden":
        return to(`/qbo/connect-failed?reason=forbidden`);
    }
  } catch (error) {
    if (error instanceof ConnectStateError) return to(`/qbo/connect-failed?reason=${error.reason}`);
    if (isDatabaseUnavailable(error)) return errorToResponse(error);
    logger.error({ err: error }, "completing a QuickBooks connection failed");
    return to(`/qbo/connect-failed?reason=exchange_failed`);
  }
}
