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
  let n = 0;
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
          const delivery = opts.next(n++);
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
