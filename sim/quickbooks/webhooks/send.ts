// One HTTP attempt at a webhook delivery. QuickBooks wants a 2xx within 3 seconds; anything else (another
// status, a redirect, a timeout, a refused connection) is a failure to retry. Nothing here throws: the
// sending path must never take the simulator down.

export const SEND_TIMEOUT_MS = 3_000;

export type SendResult = { ok: boolean; status?: number; error?: string };

export async function postWebhook(url: string, body: string, signature: string, stop: AbortSignal, timeoutMs = SEND_TIMEOUT_MS): Promise<SendResult> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "intuit-signature": signature },
      body,
      redirect: "manual",
      signal: AbortSignal.any([timeout, stop]),
    });
    // The answer's body means nothing to QuickBooks; drop it so the connection can be reused.
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return ok ? { ok, status: response.status } : { ok, status: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    if (timeout.aborted) return { ok: false, error: `timeout: no answer within ${timeoutMs} ms` };
    if (stop.aborted) return { ok: false, error: "stopped: the simulator shut down" };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, error: `network error: ${cause?.code ?? cause?.message ?? (error as Error).message}` };
  }
}
