// A closed-loop load generator: `concurrency` workers each send one request, wait for the answer, and send
// the next, over keep-alive connections, for a fixed time. Latencies are kept per request kind so reads and
// writes can be reported apart.
import http from "node:http";
import { performance } from "node:perf_hooks";

export type Call = { kind: "read" | "write"; method: "GET" | "POST"; path: string; body?: string };

export type Kind = { count: number; errors: number; latencies: number[] };

export type LoadResult = { seconds: number; read: Kind; write: Kind; firstErrors: string[] };

export type LoadOptions = {
  base: string;
  token: string;
  concurrency: number;
  durationMs: number;
  /** The `n`-th call of worker `worker`. */
  next: (worker: number, n: number) => Call;
  /** Printed once a second with the calls answered in that second. */
  progress?: (line: string) => void;
  label: string;
};

function send(agent: http.Agent, base: URL, token: string, call: Call): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${token}`, accept: "application/json" };
    if (call.body !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = Buffer.byteLength(call.body);
    }
    const req = http.request({ agent, host: base.hostname, port: base.port, method: call.method, path: call.path, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(call.body);
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const base = new URL(options.base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const result: LoadResult = { seconds: 0, read: { count: 0, errors: 0, latencies: [] }, write: { count: 0, errors: 0, latencies: [] }, firstErrors: [] };
  const started = performance.now();
  const end = started + options.durationMs;
  let lastCount = 0;
  const ticker = setInterval(() => {
    const count = result.read.count + result.write.count;
    options.progress?.(`${options.label}: ${((performance.now() - started) / 1000).toFixed(0)} s, ${count - lastCount} requests in the last second`);
    lastCount = count;
  }, 1_000);

  const worker = async (id: number) => {
    for (let n = 0; performance.now() < end; n++) {
      const call = options.next(id, n);
      const kind = result[call.kind];
      const t0 = performance.now();
      let failure: string | null = null;
      try {
        const status = await send(agent, base, options.token, call);
        if (status < 200 || status >= 300) failure = `${call.method} ${call.path} -> HTTP ${status}`;
      } catch (error) {
        failure = `${call.method} ${call.path} -> ${(error as Error).message}`;
      }
      kind.latencies.push(performance.now() - t0);
      kind.count++;
      if (failure) {
        kind.errors++;
        if (result.firstErrors.length < 5) result.firstErrors.push(failure);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => worker(i)));
  clearInterval(ticker);
  agent.destroy();
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
