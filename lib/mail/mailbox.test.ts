import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { createUser, createWorkspaceWith } from "@/test/fixtures";
import { loadEnv } from "../env";
import { logger } from "../log/logger";
import { mailboxReader, sendMail, usesDemoMailbox } from "./send-mail";

// A sign-in or invitation link is a credential: whoever reads it gets in. It is never written to the log, and
// the demo mailbox that keeps such messages is shown to anyone only on a developer's machine.

const PRODUCTION = {
  NODE_ENV: "production",
  DEMO_MODE: "true",
  AUTH_SECRET: "x".repeat(32),
  ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 2).toString("base64")}`,
  INNGEST_EVENT_KEY: "event-key",
  INNGEST_SIGNING_KEY: "signing-key",
};

describe("the demo mailbox", () => {
  it("never writes a message's link (its token) to the log", async () => {
    // Spies only watch: the logger still does what it does (LOG_LEVEL decides), the calls are what is read.
    const spies = (["info", "warn", "debug", "error", "trace"] as const).map((level) => vi.spyOn(logger, level));
    try {
      const link = `http://localhost:3000/api/auth/callback/email?token=${randomUUID()}`;
      await sendMail({ to: `someone-${randomUUID().slice(0, 6)}@example.test`, subject: "Sign in to Ledgerwire", text: link, html: link, link });
      const logged = JSON.stringify(spies.map((spy) => spy.mock.calls));
      expect(logged).toContain("mailbox"); // the message is still announced, so this test can see a log line
      expect(logged).not.toContain(link.split("token=")[1]);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it("is off in production with demo mode on and no SMTP, unless DEV_MAILBOX=true", () => {
    expect(usesDemoMailbox(loadEnv(PRODUCTION))).toBe(false);
    expect(usesDemoMailbox(loadEnv({ ...PRODUCTION, DEV_MAILBOX: "true" }))).toBe(true);
    expect(usesDemoMailbox(loadEnv({ NODE_ENV: "development" }))).toBe(true);
    expect(usesDemoMailbox(loadEnv({ NODE_ENV: "development", DEV_MAILBOX: "false" }))).toBe(false);
  });

  it("in production, when enabled, opens only for a signed-in owner", async () => {
    const e = loadEnv({ ...PRODUCTION, DEV_MAILBOX: "true" });
    const { members } = await createWorkspaceWith(["OWNER", "ADMIN"]);
    expect(await mailboxReader(e, null)).toBe("SIGN_IN");
    expect(await mailboxReader(e, (await createUser("nobody")).id)).toBe("REFUSED");
    expect(await mailboxReader(e, members[1]!.user.id)).toBe("REFUSED");
    expect(await mailboxReader(e, members[0]!.user.id)).toBe("OPEN");
    // On a developer's machine it stays open to whoever runs it.
    expect(await mailboxReader(loadEnv({ NODE_ENV: "development" }), null)).toBe("OPEN");
    expect(await mailboxReader(loadEnv(PRODUCTION), members[0]!.user.id)).toBe("OFF");
  });
});
