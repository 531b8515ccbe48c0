import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { guardInngestRoute } from "@/lib/jobs/guard-inngest-route";

// Inngest calls this route to sync the app's functions (PUT) and to run their steps (POST). Outside dev mode
// the SDK verifies every request's signature with INNGEST_SIGNING_KEY. Calls that cannot be the protocol are
// answered 400 before the SDK sees them (lib/jobs/guard-inngest-route.ts).
export const { GET, POST, PUT } = guardInngestRoute(
  serve({ client: inngest, functions }),
  functions.map((fn) => fn.id(inngest.id)),
);
