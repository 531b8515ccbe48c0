import { Server } from "node:net";
import type { IncomingMessage } from "node:http";

// Route handlers and the proxy get a fetch Request, which carries no socket, and Next.js writes the socket's
// address into X-Forwarded-For only when the request has none, so a client that sends its own header hides the
// real one. The one place the socket is still in reach is the HTTP server itself: this stamps each request with
// its socket's address under a header of our own, overwriting whatever a client sent under that name, before
// Next.js reads the request. lib/tenancy/request-meta.ts counts trusted proxies back from it.

export const SOCKET_ADDRESS_HEADER = "x-ledgerwire-socket-address";

const INSTALLED = Symbol.for("ledgerwire.socketAddressStamp");

/** Installs the stamp on every HTTP(S) server of this process (they all descend from net.Server). Idempotent. */
export function installSocketAddressStamp(): void {
  const proto = Server.prototype as unknown as Record<symbol, unknown> & { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  if (proto[INSTALLED]) return;
  const emit = proto.emit;
  proto.emit = function stampedEmit(this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const req = args[0] as IncomingMessage | undefined;
      if (req?.headers) req.headers[SOCKET_ADDRESS_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  };
  proto[INSTALLED] = true;
}
