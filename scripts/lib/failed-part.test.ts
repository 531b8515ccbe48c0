import { describe, expect, it } from "vitest";
import { failedPart } from "./failed-part";

const at = (...frames: string[]) => Object.assign(new Error("boom"), { stack: ["Error: boom", ...frames.map((f) => `    at ${f}`)].join("\n") });

describe("failedPart", () => {
  it("names the part of the launcher an unhandled error came from, by the first frame of ours", () => {
    expect(failedPart(at("Server.handle (/app/node_modules/x/y.js:1:1)", "route (/app/sim/quickbooks/rest/router.ts:40:3)"))).toBe("the QuickBooks simulator");
    expect(failedPart(at("tick (/app/sim/inngest/executor.ts:9:9)", "x (/app/sim/quickbooks/clock.ts:1:1)"))).toBe("the job executor");
    expect(failedPart(at("send (C:\\app\\sim\\sources\\sender.ts:3:3)"))).toBe("the demo source");
  });

  it("says the launcher itself when no frame is one of its parts, or there is no stack", () => {
    expect(failedPart(at("main (/app/scripts/dev.ts:1:1)"))).toBe("the launcher");
    expect(failedPart("a string")).toBe("the launcher");
  });
});
