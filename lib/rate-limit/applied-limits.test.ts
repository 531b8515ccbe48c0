import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { POST as invite } from "@/app/api/w/[slug]/invitations/route";
import { createWorkspaceWith } from "@/test/fixtures";
import { apiRequest, routeParams } from "@/test/http";
import { db } from "../db";
import { SOCKET_ADDRESS_HEADER } from "../security/socket-address";
import { RATE_LIMITS } from "./rules";
import { useUpRateLimit } from "./test-kit";

// The limits where they apply, through the real routes: email sign-in per address and per email, invitations
// per workspace (the events API's per-key limit is tested with that route). Each answers 429 with Retry-After
// and the code RATE_LIMITED, and does nothing else: no mail is sent.

const ORIGIN = "http://localhost:3000";

async function askForLink(email: string, address: string): Promise<Response> {
  const headers = { host: "localhost:3000", [SOCKET_ADDRESS_HEADER]: address };
  const csrf = await authGet(new NextRequest(`${ORIGIN}/api/auth/csrf`, { headers }));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return authPost(
    new NextRequest(`${ORIGIN}/api/auth/signin/email`, {
      method: "POST",
      headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, callbackUrl: "/app" }),
    }),
  );
}

const mails = (to: string) => db.mailboxMessage.count({ where: { to } });
const freshEmail = () => `limit-${randomUUID().slice(0, 8)}@example.test`;
const freshAddress = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

async function expectLimited(response: Response, limit: string): Promise<void> {
  expect(response.status).toBe(429);
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await response.json()).toMatchObject({ code: "RATE_LIMITED", details: { limit } });
}

describe("rate limits where they apply", () => {
  it("email sign-in: one inbox gets at most so many links, whoever asks", async () => {
    const email = freshEmail();
    await useUpRateLimit(RATE_LIMITS.emailSignInPerEmail, email);
    await expectLimited(await askForLink(email, freshAddress()), "email-sign-in-email");
    expect(await mails(email)).toBe(0);
  });

  it("email sign-in: one address asks for at most so many links, whatever the inbox", async () => {
    const address = `2001:db8::${randomUUID().slice(0, 4)}`;
    await useUpRateLimit(RATE_LIMITS.emailSignInPerAddress, address);
    const email = freshEmail();
    await expectLimited(await askForLink(email, address), "email-sign-in-address");
    expect(await mails(email)).toBe(0);
    // Someone else, elsewhere, is not held up by it.
    const other = freshEmail();
    expect((await askForLink(other, freshAddress())).status).toBeLessThan(400);
    expect(await mails(other)).toBe(1);
  });

  it("invitations: a workspace sends at most so many an hour", async () => {
    const { workspace, members } = await createWorkspaceWith(["OWNER"]);
    await useUpRateLimit(RATE_LIMITS.invitations, workspace.id);
    const email = freshEmail();
    const response = await invite(await apiRequest("POST", "/x", { userId: members[0]!.user.id, body: { email, role: "VIEWER" } }), routeParams({ slug: workspace.slug }));
    await expectLimited(response, "invitations");
    expect(await db.invitation.count({ where: { workspaceId: workspace.id } })).toBe(0);
    expect(await mails(email)).toBe(0);
  });
});
