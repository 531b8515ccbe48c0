import { qboClientFor } from "../qbo/connection-client";
import type { QboClient } from "../qbo/client";

// The QuickBooks client for listening back: the connection's own client (tokens, the usage meter, and whatever
// budget wraps it), plus the intuit_tid of its last answer, which a drift keeps so Intuit support can find the
// read that showed it.
export type QboReader = { client: QboClient; lastIntuitTid(): string | null };

export async function qboReaderFor(connectionId: string): Promise<QboReader> {
  let intuitTid: string | null = null;
  const capture: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    intuitTid = response.headers.get("intuit_tid") ?? intuitTid;
    return response;
  };
  const client = await qboClientFor(connectionId, { fetch: capture });
  return { client, lastIntuitTid: () => intuitTid };
}
