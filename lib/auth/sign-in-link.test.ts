import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { db } from "../db";
import { env } from "../env";
import { handlers } from "./auth";

// A sign-in link is a credential sent to someone's inbox: its host must be the app's own (APP_URL), never one a
// request named. With trustHost on, Auth.js builds it from the request's host, which X-Forwarded-Host or a
// forged Host header decide: a stranger asking for a link for a victim's email would get the victim a working
// link pointing at the stranger's site, where the token is harvested.

const FORGED = "http://evil.example";
type Handler = (request: NextRequest) => Promise<Response>;

async function requestLink(get: Handler, post: Handler, email: string): Promise<string> {
  const headers = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" };
  const csrf = await get(new NextRequest(`${FORGED}/api/auth/csrf`, { headers }));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await post(
    new NextRequest(`${FORGED}/api/auth/signin/email`, {
      method: "POST",
      headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, callbackUrl: "/app" }),
    }),
  );
  expect(response.status).toBeLessThan(400);
  const message = await db.mailboxMessage.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
  return message.link ?? "";
}

describe("sign-in links", () => {
  it("point at APP_URL when the request names another host (the /api/auth route)", async () => {
    const email = `victim-${randomUUID().slice(0, 8)}@example.test`;
    const link = await requestLink(GET as Handler, POST as Handler, email);
    expect(new URL(link).origin).toBe(new URL(env().appUrl).origin);
    expect(link).not.toContain("evil.example");
  });

  it("point at APP_URL even when Auth.js itself sees the forged host (the sign-in action's path)", async () => {
    const email = `victim-${randomUUID().slice(0, 8)}@example.test`;
    const link = await requestLink(handlers.GET, handlers.POST, email);
    expect(new URL(link).origin).toBe(new URL(env().appUrl).origin);
    expect(link).not.toContain("evil.example");
  });
});
