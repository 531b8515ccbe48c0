import { beforeAll, describe, expect, it } from "vitest";
import { apiRequest, routeParams } from "@/test/http";
import { createWorkspaceWith } from "@/test/fixtures";
import { withUser, withWorkspace } from "./with-workspace";

// Path parameters come straight from the URL: `/api/w/a%00b/members` arrives as the slug "a\u0000b", which
// PostgreSQL refuses to compare with a text column (a 500 before the wrapper checked them). No slug, id or token
// of ours holds a control character or runs past a few hundred characters, so such a path names nothing: 404.
const ABSURD = ["a\u0000b", "\u0000", "a\u0007b", "tab\tbed", "lone \ud800 surrogate", "x".repeat(5_000)];
const label = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 10)}... (${value.length} characters)` : value);

describe("the route wrappers' path parameters", () => {
  let slug: string;
  let userId: string;
  beforeAll(async () => {
    const { workspace, members } = await createWorkspaceWith(["OWNER"]);
    slug = workspace.slug;
    userId = members[0]!.user.id;
  });

  const reached = withWorkspace<{ slug: string; id: string }>("workspace.read", async () => Response.json({ reached: true }));
  const reachedByUser = withUser<{ token: string }>(async () => Response.json({ reached: true }));

  it.each(ABSURD.map((bad) => [label(bad), bad]))("answers 404 for the slug %s, without asking the database", async (_, bad) => {
    const response = await reached(await apiRequest("GET", "/api/w/x/things/1", { userId }), routeParams({ slug: bad, id: "1" }));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/.{20,}/) });
  });

  it.each(ABSURD.map((bad) => [label(bad), bad]))("answers 404 for the nested id %s", async (_, bad) => {
    const response = await reached(await apiRequest("DELETE", `/api/w/${slug}/things/x`, { userId }), routeParams({ slug, id: bad }));
    expect(response.status).toBe(404);
  });

  it("answers 404 for an absurd parameter of a route that needs only a user", async () => {
    const response = await reachedByUser(await apiRequest("POST", "/api/invitations/x/accept", { userId }), routeParams({ token: "t\u0000" }));
    expect(response.status).toBe(404);
  });

  it("still reaches the handler with plain parameters", async () => {
    const response = await reached(await apiRequest("GET", `/api/w/${slug}/things/1`, { userId }), routeParams({ slug, id: "cmb1x2y3z0000abcd1234efgh" }));
    expect(response.status).toBe(200);
  });

  it("checks the session before the parameters: without one it is 401 whatever the path", async () => {
    const response = await reached(await apiRequest("GET", "/api/w/x/things/1"), routeParams({ slug: "a\u0000b", id: "1" }));
    expect(response.status).toBe(401);
  });
});
