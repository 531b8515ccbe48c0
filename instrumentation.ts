// Next calls register() once when a server process starts. The environment is validated there, in the Node.js
// runtime only, so a bad setting stops the server with one line instead of failing on the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await import("./lib/startup/validate-environment");
    // Before the first request: the audit log's IP counts trusted proxies back from the socket's address.
    (await import("./lib/security/socket-address")).installSocketAddressStamp();
  }
}
