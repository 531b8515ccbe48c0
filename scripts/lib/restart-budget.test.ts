import { describe, expect, it } from "vitest";
import { restartBudget } from "./restart-budget";
import { webArgs, webMode } from "./web";

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
