import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { newInvitationToken } from "@/lib/invitations/invitation-token";
import { apiRequest, routeParams } from "@/test/http";
import { createUser, createWorkspaceWith } from "@/test/fixtures";
import { sale, storeCanonical } from "@/lib/sync/test-kit";

// Tenant isolation, walked over every route handler and server action found in app/, and every Pages API route
// in pages/api (so a new route is covered the day it is added): a member of workspace A, using workspace B's
// ids, reads nothing and writes nothing.

const APP = path.resolve(import.meta.dirname, "..");
const PAGES_API = path.resolve(APP, "..", "pages", "api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const sources = walk(APP).filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith(".test.ts"));
const routeFiles = sources.filter((f) => path.basename(f) === "route.ts");
const urlOf = (file: string) => "/" + path.relative(APP, path.dirname(file)).split(path.sep).join("/");
// Pages API routes (the lean path for webhooks, lib/ingest/webhook-route.ts): pages/api/a/[b].ts is /api/a/[b].
const pagesRouteFiles = walk(PAGES_API).filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith(".test.ts"));
const pagesUrlOf = (file: string) => "/api/" + path.relative(PAGES_API, file).replace(/\.tsx?$/, "").split(path.sep).join("/");
const paramsOf = (url: string) => [...url.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!);

// Routes outside /api/w/[slug] hold no workspace ids in their path; each is listed here with why it cannot
// reach another workspace's data. A new one fails this test until someone decides which kind it is.
const NOT_WORKSPACE_SCOPED: Record<string, string> = {
  "/api/health": "reports only the server's own health",
  "/api/auth/[...nextauth]": "Auth.js's own sign-in endpoints; they touch only the signing-in user",
  "/api/workspaces": "lists and creates workspaces of the signed-in user only",
  "/api/invitations/[token]/accept": "the token is the credential, and it only admits the invited email address",
  "/api/qbo/callback": "the signed, single-use state names the workspace and must come back to the user who started the connect",
  "/api/webhooks/quickbooks": "signed by Intuit; each notification is routed by its company id to the workspaces that connected it, and the answer holds only counts",
  "/api/webhooks/stripe/[connectionId]": "the id only selects whose signing secret to check; unsigned requests store nothing and the answer holds only counts",
  "/api/webhooks/shopify/[connectionId]": "the id only selects whose signing secret to check; unsigned requests store nothing and the answer holds only counts",
  "/api/webhooks/noop": "the benchmark's do-nothing reference; 404 unless LEDGERWIRE_BENCH=1, reads and writes nothing",
  "/api/webhooks/noop-lean": "the benchmark's do-nothing reference on the lean path; 404 unless LEDGERWIRE_BENCH=1, reads and writes nothing",
  "/api/v1/events": "the API key decides the workspace; nothing in the path or body can name another",
  "/api/v1/events/[id]": "the API key decides the workspace, and the id is looked up within it: another workspace's event is a 404 (lib/ingest/read-api-events.test.ts)",
  "/api/v1/openapi.json": "the public contract of the events API; no workspace data",
  "/api/v1/[...path]": "answers every unknown events API address with 404 and reads nothing",
  "/api/webhooks/[...path]": "answers every unknown webhook address with 404 and reads nothing",
  "/api/inngest": "only Inngest calls it (signed requests outside demo mode); functions take their tenant from the event data the app wrote",
};

// Server actions found in app/ and what they may touch; none takes a workspace id.
const NOT_WORKSPACE_SCOPED_ACTIONS: Record<string, string> = {
  "sign-in/actions.ts#signInAsDemoUser": "signs in a seeded demo user; demo mode only",
  "sign-in/actions.ts#signInWithEmail": "sends a sign-in link to the given address",
  "sign-in/actions.ts#signInWithIntuit": "starts Sign in with Intuit",
  "sign-in/actions.ts#signOutAction": "ends the caller's own session",
};

type Fixture = Awaited<ReturnType<typeof buildFixture>>;

async function buildFixture() {
  const a = await createWorkspaceWith(["OWNER"]);
  const b = await createWorkspaceWith(["OWNER", "VIEWER"]);
  const alice = a.members[0]!.user;
  const bOwner = b.members[0]!;
  const bViewer = b.members[1]!;
  const invited = await createUser("invitee");
  const { token, tokenHash } = newInvitationToken();
  const invitation = await db.invitation.create({
    data: { workspaceId: b.workspace.id, email: invited.email, role: "ADMIN", tokenHash, invitedById: bOwner.user.id, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const audit = await recordAudit(db, { workspaceId: b.workspace.id, actor: { type: "USER", id: bOwner.user.id }, action: "workspace.created" });
  const connection = await db.qboConnection.create({
    data: { workspaceId: b.workspace.id, realmId: "9130350000000001", environment: "SANDBOX", companyName: "B Books", homeCurrency: "USD", status: "DISCONNECTED" },
  });
  const apiKey = await db.apiKey.create({
    data: { workspaceId: b.workspace.id, name: "B integration", prefix: "lw_live_bbbb", keyHash: `isolation-${b.workspace.id}`, scopes: ["events:write"], createdById: bOwner.user.id },
  });
  const mappingVersion = await db.mappingVersion.create({
    data: { workspaceId: b.workspace.id, qboConnectionId: connection.id, version: 1, status: "DRAFT", createdById: bOwner.user.id },
  });
  const source = await db.sourceConnection.create({ data: { workspaceId: b.workspace.id, kind: "SHOPIFY", name: "B shop", externalAccountId: "b-shop.myshopify.com" } });
  // A posting of B's waiting for approval, for the hold and approve routes.
  const event = await storeCanonical(b.workspace.id, sale());
  const posting = await db.posting.create({
    data: { workspaceId: b.workspace.id, canonicalEventId: event.id, qboConnectionId: connection.id, target: "SalesReceipt", entityType: "SalesReceipt", requestId: `lw${"b".repeat(40)}`, status: "HELD", amountMinor: 2000n, currency: "USD", body: {} },
  });
  // B's id for every route parameter name in use; a parameter missing here fails the walk.
  const bIds: Record<string, string> = {
    slug: b.workspace.slug,
    memberId: bViewer.membership.id,
    invitationId: invitation.id,
    auditId: audit.id,
    connectionId: connection.id,
    keyId: apiKey.id,
    versionId: mappingVersion.id,
    sourceId: source.id,
    postingId: posting.id,
    token,
  };
  return { a, b, alice, bIds, secrets: [b.workspace.id, bViewer.user.email, invited.email, bOwner.user.email] };
}

async function snapshotB(f: Fixture) {
  const id = f.b.workspace.id;
  return {
    workspace: await db.workspace.findUnique({ where: { id }, select: { name: true, slug: true, updatedAt: true } }),
    members: await db.membership.findMany({ where: { workspaceId: id }, select: { id: true, role: true, updatedAt: true }, orderBy: { id: "asc" } }),
    invitations: await db.invitation.findMany({ where: { workspaceId: id }, select: { id: true, acceptedAt: true, revokedAt: true }, orderBy: { id: "asc" } }),
    auditEntries: await db.auditEntry.count({ where: { workspaceId: id } }),
    qboConnections: await db.qboConnection.findMany({ where: { workspaceId: id }, select: { id: true, status: true, updatedAt: true } }),
    connectStates: await db.qboOAuthState.count({ where: { workspaceId: id } }),
    apiKeys: await db.apiKey.findMany({ where: { workspaceId: id }, select: { id: true, name: true, revokedAt: true }, orderBy: { id: "asc" } }),
    mappingVersions: await db.mappingVersion.findMany({ where: { workspaceId: id }, select: { id: true, status: true, activatedAt: true }, orderBy: { id: "asc" } }),
    aliceMemberships: await db.membership.count({ where: { userId: f.alice.id } }),
    postings: await db.posting.findMany({ where: { workspaceId: id }, select: { id: true, status: true, approvedById: true, updatedAt: true }, orderBy: { id: "asc" } }),
    sources: await db.sourceConnection.findMany({ where: { workspaceId: id }, select: { id: true, name: true, status: true, secretsCiphertext: true, updatedAt: true } }),
  };
}

// A valid body for each write, so a refusal can only come from isolation, not from validation. A new write
// route whose body this default does not satisfy fails with 422 here: add its body to VALID_BODIES.
const PLAUSIBLE_BODY = { role: "ADMIN", email: "attacker@example.test" };
const VALID_BODIES: Record<string, unknown> = {
  "PATCH /api/w/[slug]/members/[memberId]": { role: "ADMIN" },
  "POST /api/w/[slug]/qbo/connect": { environment: "SANDBOX" },
  "POST /api/w/[slug]/api-keys": { name: "Attacker's key", scopes: ["events:write"] },
  "POST /api/w/[slug]/sources/shopify": { name: "Attacker's shop", shopDomain: "attacker.myshopify.com", webhookSecret: "shpss_attacker_0123456789" },
  "POST /api/w/[slug]/sources/[sourceId]/secrets": { secret: "shpss_attacker_0123456789" },
  "PUT /api/w/[slug]/sources/[sourceId]/api-key": { apiKey: "rk_test_attacker_0123456789" },
  "PATCH /api/w/[slug]/sources/[sourceId]": { name: "Attacker's name" },
  "POST /api/w/[slug]/postings/[postingId]/hold": { reason: "Attacker's hold" },
  "PUT /api/w/[slug]/sync/connections/[connectionId]/mode": { mode: "live" },
};

describe("tenant isolation across every route handler", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await buildFixture();
  });

  it("finds the routes and server actions to walk", () => {
    expect(routeFiles.length).toBeGreaterThan(5);
  });

  const scoped = routeFiles.filter((file) => urlOf(file).startsWith("/api/w/[slug]"));
  const unscoped = routeFiles.filter((file) => !urlOf(file).startsWith("/api/w/[slug]"));

  it("knows why each route outside /api/w/[slug] cannot reach another workspace", () => {
    const unexplained = [...unscoped.map(urlOf), ...pagesRouteFiles.map(pagesUrlOf)].filter((url) => !(url in NOT_WORKSPACE_SCOPED));
    expect(unexplained, "routes with no isolation story: put them under /api/w/[slug] or explain them").toEqual([]);
  });

  it("keeps Pages API routes to signed webhooks, their 404 for unknown addresses and their benchmark reference (sessions live in the App Router)", () => {
    expect(pagesRouteFiles.map(pagesUrlOf).sort()).toEqual([
      "/api/webhooks/[...path]",
      "/api/webhooks/noop-lean",
      "/api/webhooks/quickbooks",
      "/api/webhooks/shopify/[connectionId]",
      "/api/webhooks/stripe/[connectionId]",
    ]);
  });

  for (const file of scoped) {
    const url = urlOf(file);
    it(`${url}: a member of A gets 404 with B's ids, and B is unchanged`, async () => {
      const mod = (await import(file)) as Partial<Record<(typeof METHODS)[number], (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>>>;
      const methods = METHODS.filter((m) => typeof mod[m] === "function");
      expect(methods.length).toBeGreaterThan(0);
      const names = paramsOf(url);
      for (const name of names) expect(f.bIds, `no fixture id for route parameter [${name}]`).toHaveProperty(name);

      // Two ways in: B's slug (not a member), and A's own slug with B's nested ids (a member, wrong tenant).
      const attempts = [Object.fromEntries(names.map((n) => [n, f.bIds[n]!]))];
      if (names.length > 1) attempts.push({ ...attempts[0]!, slug: f.a.workspace.slug });

      for (const params of attempts) {
        for (const method of methods) {
          const before = await snapshotB(f);
          const path_ = url.replace(/\[(\w+)\]/g, (_, n: string) => params[n]!);
          const body = method === "GET" ? undefined : (VALID_BODIES[`${method} ${url}`] ?? PLAUSIBLE_BODY);
          const request = await apiRequest(method, path_, { userId: f.alice.id, body });
          const response = await mod[method]!(request, routeParams(params));
          const text = await response.text();
          expect(response.status, `${method} ${path_} answered ${response.status}: ${text}`).toBe(404);
          for (const secret of f.secrets) expect(text).not.toContain(secret);
          expect(await snapshotB(f)).toEqual(before);
        }
      }
    });
  }

  it("/api/invitations/[token]/accept: B's invitation does not admit a member of A", async () => {
    const { POST } = await import("./invitations/[token]/accept/route");
    const before = await snapshotB(f);
    const response = await POST(await apiRequest("POST", `/api/invitations/${f.bIds.token}/accept`, { userId: f.alice.id }), routeParams({ token: f.bIds.token! }));
    expect(response.status).toBe(403);
    expect(await snapshotB(f)).toEqual(before);
  });

  it("/api/workspaces lists only the caller's own workspaces", async () => {
    const { GET } = await import("./workspaces/route");
    const response = await GET(await apiRequest("GET", "/api/workspaces", { userId: f.alice.id }), routeParams({}));
    const body = (await response.json()) as { workspaces: { id: string }[] };
    expect(body.workspaces.map((w) => w.id)).toEqual([f.a.workspace.id]);
  });

  it("every server action is accounted for", () => {
    const actions = sources
      .filter((file) => /^\s*["']use server["']/.test(readFileSync(file, "utf8")))
      .flatMap((file) =>
        [...readFileSync(file, "utf8").matchAll(/export async function (\w+)/g)].map((m) => `${path.relative(APP, file).split(path.sep).join("/")}#${m[1]}`),
      );
    expect(actions.sort()).toEqual(Object.keys(NOT_WORKSPACE_SCOPED_ACTIONS).sort());
  });

  it("refuses a write from another site even with a valid session (CSRF)", async () => {
    const { POST } = await import("./w/[slug]/invitations/route");
    const response = await POST(
      await apiRequest("POST", `/api/w/${f.a.workspace.slug}/invitations`, { userId: f.alice.id, body: PLAUSIBLE_BODY, origin: "https://evil.example" }),
      routeParams({ slug: f.a.workspace.slug }),
    );
    expect(response.status).toBe(403);
    expect(await db.invitation.count({ where: { workspaceId: f.a.workspace.id } })).toBe(0);
  });

  it("answers 401 without a session", async () => {
    const { GET } = await import("./w/[slug]/members/route");
    const response = await GET(await apiRequest("GET", `/api/w/${f.a.workspace.slug}/members`), routeParams({ slug: f.a.workspace.slug }));
    expect(response.status).toBe(401);
  });
});
