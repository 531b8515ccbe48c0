import { Inngest } from "inngest";

// The one Inngest client. Functions run on Inngest Cloud, a self-hosted Inngest server, the Inngest Dev Server,
// or (on machines without any of those) the project's local executor; the code is the same on all of them.
export const inngest = new Inngest({ id: "ledgerwire" });
