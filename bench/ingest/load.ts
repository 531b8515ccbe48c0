// Closed-loop load with autocannon: `connections` keep-alive connections, each sending the next request as soon
// as the previous is answered, for `seconds`. Every request body is unique (built by `next`), so the server
// stores every one; the ids the server acknowledged are kept to check afterwards that each is stored once.
import autocannon from "autocannon";

export type Delivery = { path: string; headers: Record<string, string>; body: string; id: string };
export type LoadResult = {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  acknowledged: string[];
};

export async function runLoad(base: string, opts: { connections: number; seconds: number; next: (n: number) => Delivery }): Promise<LoadResult> {
  const acknowledged: string[] = [];
  const result = await autocannon({
    url: base,
    connections: opts.connections,
    duration: opts.seconds,
    pipelining: 1,
    requests: [
      {
        method: "POST",
        setupRequest: (request, context) => {
          const delivery = opts.next(0);
          (context as { id?: string }).id = delivery.id;
          return { ...request, path: delivery.path, headers: { ...delivery.headers, "content-type": "application/json" }, body: delivery.body };
        },
        onResponse: (status, _body, context) => {
          if (status >= 200 && status < 300) acknowledged.push((context as { id: string }).id);
        },
      },
    ],
  });
  return {
    rps: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    acknowledged,
  };
}

/**
 * The same load split over several servers (one app process per core, as a reverse proxy would spread it):
 * connections divided evenly, throughput summed, the worst p99 kept.
 */
export async function runLoadSpread(bases: string[], opts: { connections: number; seconds: number; next: (n: number) => Delivery }): Promise<LoadResult> {
  const parts = await Promise.all(bases.map((base) => runLoad(base, { ...opts, connections: Math.round(opts.connections / bases.length) })));
  return {
    rps: parts.reduce((sum, p) => sum + p.rps, 0),
    p50_ms: Math.max(...parts.map((p) => p.p50_ms)),
    p99_ms: Math.max(...parts.map((p) => p.p99_ms)),
    requests: parts.reduce((sum, p) => sum + p.requests, 0),
    non2xx: parts.reduce((sum, p) => sum + p.non2xx, 0),
    errors: parts.reduce((sum, p) => sum + p.errors, 0),
    acknowledged: parts.flatMap((p) => p.acknowledged),
  };
}
