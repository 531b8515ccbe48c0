import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

// Inngest calls this route to sync the app's functions (PUT) and to run their steps (POST). Outside dev mode
// the SDK verifies every request's signature with INNGEST_SIGNING_KEY.
export const { GET, POST, PUT } = serve({ client: inngest, functions });
