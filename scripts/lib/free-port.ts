import { createServer } from "node:net";

// Ports are picked below Linux's ephemeral range (32768-60999 by default), not by asking the kernel for port 0:
// that hands out a port from the ephemeral range, which every outgoing connection of a busy test run also draws
// from, so a server started on it a moment later could find it taken (a launcher under test then saw its web
// server die on EADDRINUSE at every restart). Here only another server could take it, and tries go on until
// one binds.
const LOW = 20_000;
const HIGH = 32_000;
const given = new Set<number>();

function tryPort(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** A TCP port that was free a moment ago on localhost, not handed out before by this process. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (given.has(port)) continue;
    if (await tryPort(port)) {
      given.add(port);
      return port;
    }
  }
  throw new Error(`no free port between ${LOW} and ${HIGH}`);
}
