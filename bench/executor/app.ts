// The app side of `bench/executor`, in its own process: one function that runs N steps in sequence, served
// through the SDK's Node serve handler. It times its own request handling so the benchmark can tell the
// executor's share of each step from the app's. Prints {"port": n} once listening.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest } from "inngest";
import { serve } from "inngest/node";

const executorUrl = process.argv[2];
if (!executorUrl) throw new Error("usage: app.ts <executor url>");

const noop = () => {};
const client = new Inngest({ id: "bench", isDev: true, baseUrl: executorUrl, logger: { info: noop, warn: noop, error: noop, debug: noop } });

const chain = client.createFunction({ id: "chain", triggers: [{ event: "bench/chain" }], retries: 0 }, async ({ event, step }) => {
  const steps = Number(event.data.steps);
  let total = 0;
  for (let i = 0; i < steps; i++) total += await step.run(`step-${i}`, () => i);
  return { total };
});

const handler = serve({ client, functions: [chain] });
const stats = { requests: 0, handlerMs: 0 };

const server = http.createServer((req, res) => {
  if (req.url === "/stats") {
    res.writeHead(200, { "content-type": "application/json" });
    const cpu = process.cpuUsage();
    res.end(JSON.stringify({ ...stats, cpuMs: (cpu.user + cpu.system) / 1000 }));
    if (req.method === "DELETE") Object.assign(stats, { requests: 0, handlerMs: 0 });
    return;
  }
  const started = performance.now();
  res.on("finish", () => {
    stats.requests++;
    stats.handlerMs += performance.now() - started;
  });
  void handler(req, res);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
