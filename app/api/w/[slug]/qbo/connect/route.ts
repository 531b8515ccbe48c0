import { parseJson } from "@/lib/http/parse-json";
import { StartConnectSchema, startConnect } from "@/lib/qbo/start-connect";
import { withWorkspace } from "@/lib/tenancy/with-workspace";

// Connect or Reconnect: answers the Intuit URL to send the browser to (with a signed, single-use state).
export const POST = withWorkspace("connections.manage", async (request, ctx) => {
  return Response.json(await startConnect(ctx, await parseJson(request, StartConnectSchema)));
});
