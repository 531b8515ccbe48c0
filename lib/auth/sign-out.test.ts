import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as listMembers } from "@/app/api/w/[slug]/members/route";
import { PATCH as changeRole, DELETE as removeMember } from "@/app/api/w/[slug]/members/[memberId]/route";
import { createWorkspaceWith } from "@/test/fixtures";
import { apiRequest, routeParams, sessionCookie } from "@/test/http";
import { handlers } from "./auth";

// Sign-out through Auth.js's real endpoint (CSRF token and all), then the very cookie the browser had, copied
// before signing out, replayed against a workspace route: it must open nothing.

const ORIGIN = "http://localhost:3000";

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

async function signOut(sessionCookieHeader: string): Promise<void> {
  const csrf = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/csrf`, { headers: { cookie: sessionCookieHeader } }));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = [sessionCookieHeader, ...cookiesOf(csrf)].join("; ");
  const response = await handlers.POST(
    new NextRequest(`${ORIGIN}/api/auth/signout`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
      body: new URLSearchParams({ csrfToken, callbackUrl: "/" }),
    }),
  );
  expect(response.status).toBeLessThan(400);
}

const members = (slug: string, cookie: string) =>
  listMembers(new Request(`${ORIGIN}/api/w/${slug}/members`, { headers: { cookie, host: "localhost:3000" } }), routeParams({ slug }));

describe("sessions end server-side", () => {
  it("a session cookie copied before sign-out opens nothing after it", async () => {
    const { workspace, members: [owner] } = await createWorkspaceWith(["OWNER"]);
    const copied = await sessionCookie(owner!.user.id);
    expect((await members(workspace.slug, copied)).status).toBe(200);
    await signOut(copied);
    expect((await members(workspace.slug, copied)).status).toBe(401);
  });

  it("signing out ends only that session: the same person's other browser stays signed in", async () => {
    const { workspace, members: [owner] } = await createWorkspaceWith(["OWNER"]);
    const laptop = await sessionCookie(owner!.user.id);
    const phone = await sessionCookie(owner!.user.id);
    await signOut(laptop);
    expect((await members(workspace.slug, phone)).status).toBe(200);
  });

  it("removal from a workspace and a role change take effect on the next request of a live session", async () => {
    const { workspace, members: [owner, demoted, removed] } = await createWorkspaceWith(["OWNER", "ADMIN", "ADMIN"]);
    const demotedCookie = await sessionCookie(demoted!.user.id);
    const removedCookie = await sessionCookie(removed!.user.id);
    expect((await members(workspace.slug, demotedCookie)).status).toBe(200);
    expect((await members(workspace.slug, removedCookie)).status).toBe(200);
    const as = (method: string) => apiRequest(method, "/x", { userId: owner!.user.id, body: method === "PATCH" ? { role: "VIEWER" } : undefined });
    expect((await changeRole(await as("PATCH"), routeParams({ slug: workspace.slug, memberId: demoted!.membership.id }))).status).toBe(200);
    expect((await removeMember(await as("DELETE"), routeParams({ slug: workspace.slug, memberId: removed!.membership.id }))).status).toBe(204);
    // The role and the membership are read from the database on every request, not from the cookie.
    expect((await members(workspace.slug, demotedCookie)).status).toBe(403);
    expect((await members(workspace.slug, removedCookie)).status).toBe(404);
  });
});
