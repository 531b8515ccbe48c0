// The QuickBooks simulator as a part of `npm run dev` and of the end-to-end run: started in-process, with the
// demo Intuit app registered (sign-in and Connect redirect back to this app) and one demo company, so a
// newcomer sees the whole product work without an Intuit developer account.
import { DEMO_INTUIT_APP, type Env } from "../../lib/env";
import { startQboSim, type QboSim } from "../../sim/quickbooks";

export async function startDemoQboSim(env: Env, options: { appUrl: string; stateFile?: string }): Promise<QboSim | null> {
  if (!env.qboSimUrl) return null;
  const url = new URL(env.qboSimUrl);
  if (!["localhost", "127.0.0.1"].includes(url.hostname)) return null; // a simulator someone runs elsewhere
  let sim: QboSim;
  try {
    sim = await startQboSim({ port: Number(url.port || 80), publicUrl: env.qboSimUrl, stateFile: options.stateFile });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new Error(`Port ${url.port} (the QuickBooks simulator) is in use: stop what holds it, or set QBO_SIM_URL to another port.`);
    }
    throw error;
  }
  const appUrl = options.appUrl.replace(/\/$/, "");
  sim.registerApp({
    ...DEMO_INTUIT_APP,
    name: "Ledgerwire (demo)",
    redirectUris: [`${appUrl}/api/auth/callback/intuit`, `${appUrl}/api/qbo/callback`],
  });
  if (Object.keys(sim.state.realms).length === 0) sim.createCompany({ name: "Ledgerwire Demo Company" });
  return sim;
}
