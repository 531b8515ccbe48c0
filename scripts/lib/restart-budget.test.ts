import { describe, expect, it } from "vitest";
import { restartBudget } from "./restart-budget";
import { loadEnv } from "../../lib/env";
import { listeningLine, webArgs, webMode } from "./web";

describe("restartBudget", () => {
  it("allows max restarts within the window, refuses the next, and allows again once the oldest is out of it", () => {
    let now = 0;
    const budget = restartBudget(2, 60_000, () => now);
    expect([budget.take(), budget.take(), budget.take()]).toEqual([1, 2, null]);
    now = 60_001;
    expect(budget.take()).toBe(1);
  });
});

describe("LEDGERWIRE_WEB", () => {
  it("is next dev by default and refuses anything but dev or start in one line", () => {
    expect(webMode(undefined)).toBe("dev");
    expect(webMode("")).toBe("dev");
    expect(() => webMode("prod")).toThrow('Invalid environment: LEDGERWIRE_WEB expects "dev" (next dev, the default) or "start" (next start on the last build).');
  });

  it("passes HOST on as --hostname, and nothing (every interface) without it", () => {
    expect(webArgs("start", 3000, "127.0.0.1")).toEqual(["start", "--port", "3000", "--hostname", "127.0.0.1"]);
    expect(webArgs("dev", 3000, undefined)).toEqual(["dev", "--port", "3000"]);
  });
});

describe("the launcher's start-up line about where it listens", () => {
  it("says demo mode keeps to 127.0.0.1 and how to open it, from the default loadEnv gives npm run dev", () => {
    const host = loadEnv({}).host;
    expect(webArgs("dev", 3000, host)).toEqual(["dev", "--port", "3000", "--hostname", "127.0.0.1"]);
    expect(listeningLine("dev", host, false)).toBe(
      "web server (next dev) listens on 127.0.0.1 only: demo mode signs anyone in, so it is not for the network (HOST=0.0.0.0 opens it)",
    );
  });

  it("names HOST when it chose the address, and every interface outside demo mode without it", () => {
    expect(listeningLine("dev", loadEnv({ HOST: "0.0.0.0" }).host, true)).toBe("web server (next dev) listens on 0.0.0.0 (HOST)");
    expect(listeningLine("start", loadEnv({ HOST: "127.0.0.1" }).host, true)).toBe("web server (next start) listens on 127.0.0.1 (HOST)");
    expect(listeningLine("start", undefined, false)).toBe("web server (next start) listens on every interface");
  });
});
