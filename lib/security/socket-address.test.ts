import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { installSocketAddressStamp, SOCKET_ADDRESS_HEADER } from "./socket-address";

describe("installSocketAddressStamp", () => {
  it("hands every request the socket's own address, overwriting whatever the client put in that header", async () => {
    installSocketAddressStamp();
    installSocketAddressStamp(); // twice is once
    const server = createServer((req, res) => res.end(JSON.stringify(req.headers[SOCKET_ADDRESS_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const body = await new Promise<string>((resolve, reject) => {
        const req = httpRequest({ host: "127.0.0.1", port, headers: { [SOCKET_ADDRESS_HEADER]: "6.6.6.6", "x-forwarded-for": "6.6.6.6" } }, (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => (text += chunk.toString()));
          res.on("end", () => resolve(text));
        });
        req.on("error", reject);
        req.end();
      });
      expect(JSON.parse(body)).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});
