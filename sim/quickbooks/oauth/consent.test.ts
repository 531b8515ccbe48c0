// The consent page at /connect/oauth2: what the person sees, and where their browser is sent afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNTING, APP, authorize, authorizeUrl, decodeJwt, exchange, hiddenFields, startOAuthSim, submitConsent, type OAuthSim } from "./test-flow";

let t: OAuthSim;
beforeAll(async () => {
  t = await startOAuthSim();
});
afterAll(async () => {
  await t.sim.stop();
});

async function get(url: string): Promise<{ status: number; location: string | null; type: string | null; html: string }> {
  const response = await fetch(url, { redirect: "manual" });
  return { status: response.status, location: response.headers.get("location"), type: response.headers.get("content-type"), html: await response.text() };
}

async function post(fields: Record<string, string>): Promise<{ status: number; location: string | null; html: string }> {
  const response = await fetch(`${t.sim.url}/connect/oauth2`, { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });
  return { status: response.status, location: response.headers.get("location"), html: await response.text() };
}

describe("consent page", () => {
  it("is a labelled form naming the app, the scopes in plain words and the companies", async () => {
    const page = await get(authorizeUrl(t.sim, { scope: `${ACCOUNTING} openid email` }));
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.html).toMatch(/<html lang="en">/);
    expect(page.html).toMatch(/<h1>Connect Ledgerwire Test to your Intuit account<\/h1>/);
    expect(page.html).toContain("Read and change your company&#39;s accounting data");
    expect(page.html).toContain("See your email address");
    expect(page.html).toContain("Acme Books");
    expect(page.html).toContain("Create a new company");
    expect(page.html).toMatch(/<form method="post" action="\/connect\/oauth2">/);
    expect(page.html).toMatch(/<button type="submit" name="action" value="connect">Connect<\/button>/);
    expect(page.html).toMatch(/<button type="submit" name="action" value="cancel"[^>]*>Cancel<\/button>/);
    expect(page.html).toMatch(/name="email"[^>]*value="demo@intuit.example"/);
    // Every visible input has a <label for> naming it.
    const visible = [...page.html.matchAll(/<input (?![^>]*type="hidden")[^>]*id="([^"]+)"/g)].map((m) => m[1]!);
    expect(visible).toEqual(expect.arrayContaining(["email", `realm-${t.realm.realmId}`, "realm-new", "company_name"]));
    for (const id of visible) expect(page.html).toContain(`<label for="${id}">`);
    // The original request rides along in hidden fields.
    expect(Object.fromEntries(hiddenFields(page.html))).toMatchObject({ client_id: APP.clientId, redirect_uri: APP.redirectUris[0], state: "state-123" });
  });

  it("asks for no company when only sign-in is requested", async () => {
    const page = await get(authorizeUrl(t.sim, { scope: "openid profile email" }));
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('name="realm"');
    expect(page.html).toContain("Sign you in with your Intuit account");
  });

  it("escapes what it echoes", async () => {
    const evil = `"><script>alert(1)</script>`;
    const page = await get(authorizeUrl(t.sim, { scope: ACCOUNTING, state: evil }));
    expect(page.html).not.toContain("<script>");
    expect(page.html).toContain("&quot;&gt;&lt;script&gt;");
    const location = await submitConsent(authorizeUrl(t.sim, { scope: ACCOUNTING, state: evil }), { action: "cancel" });
    expect(location.searchParams.get("state")).toBe(evil);
  });
});

describe("requests that cannot go back to the app", () => {
  it("shows an error page for an unknown client", async () => {
    const page = await get(authorizeUrl(t.sim, { scope: ACCOUNTING, client_id: "nobody" }));
    expect(page.status).toBe(400);
    expect(page.location).toBeNull();
    expect(page.html).toContain("Unknown app");
  });

  it("shows an error page, and never redirects, for an unregistered redirect URI", async () => {
    const page = await get(authorizeUrl(t.sim, { scope: ACCOUNTING, redirect_uri: "https://attacker.example/cb" }));
    expect(page.status).toBe(400);
    expect(page.location).toBeNull();
    expect(page.html).toContain("Redirect URI not registered");
    // An edited form is checked again.
    const tampered = await post({ client_id: APP.clientId, redirect_uri: "https://attacker.example/cb", response_type: "code", scope: ACCOUNTING, action: "connect", realm: t.realm.realmId, email: "a@b.example" });
    expect(tampered.status).toBe(400);
    expect(tampered.location).toBeNull();
  });

  it("sends other request errors back to the registered redirect URI", async () => {
    const wrongType = await get(authorizeUrl(t.sim, { scope: ACCOUNTING, response_type: "token" }));
    expect(wrongType.status).toBe(302);
    const location = new URL(wrongType.location!);
    expect(`${location.origin}${location.pathname}`).toBe(APP.redirectUris[0]);
    expect(location.searchParams.get("error")).toBe("unsupported_response_type");
    expect(location.searchParams.get("state")).toBe("state-123");
    const noScope = await get(authorizeUrl(t.sim, {}));
    expect(new URL(noScope.location!).searchParams.get("error")).toBe("invalid_scope");
  });
});

describe("Connect and Cancel", () => {
  it("Cancel redirects with access_denied and the state, and no code", async () => {
    const location = await submitConsent(authorizeUrl(t.sim, { scope: ACCOUNTING }), { action: "cancel" });
    expect(`${location.origin}${location.pathname}`).toBe(APP.redirectUris[0]);
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("state")).toBe("state-123");
    expect(location.searchParams.has("code")).toBe(false);
  });

  it("Connect redirects with code, state and the chosen company's realmId", async () => {
    const params = await authorize(t, ACCOUNTING);
    expect(params.get("code")).toMatch(/^\S{20,}$/);
    expect(params.get("state")).toBe("state-123");
    expect(params.get("realmId")).toBe(t.realm.realmId);
  });

  it("creates a new company when asked", async () => {
    const params = await authorize(t, ACCOUNTING, {}, { realm: "new", company_name: "Brand New Co" });
    const realmId = params.get("realmId")!;
    expect(realmId).not.toBe(t.realm.realmId);
    expect(t.sim.state.realms[realmId]?.companyName).toBe("Brand New Co");
    const page = await get(authorizeUrl(t.sim, { scope: ACCOUNTING }));
    expect(page.html).toContain("Brand New Co");
  });

  it("gives no realmId for sign-in only, and the same person the same sub", async () => {
    const first = await authorize(t, "openid email", { nonce: "n1" }, { email: "Jane.Doe@example.com" });
    expect(first.has("realmId")).toBe(false);
    const second = await authorize(t, "openid email", { nonce: "n2" }, { email: "jane.doe@example.com" });
    const subs = [];
    for (const params of [first, second]) {
      const tokens = await exchange(t.sim, params.get("code")!);
      subs.push(decodeJwt(String(tokens.body.id_token)).claims.sub);
    }
    expect(subs[0]).toBeTruthy();
    expect(subs[1]).toBe(subs[0]);
  });

  it("asks again, with the reason, when the form is incomplete", async () => {
    const noEmail = await post({ client_id: APP.clientId, redirect_uri: APP.redirectUris[0]!, response_type: "code", scope: ACCOUNTING, action: "connect", realm: t.realm.realmId, email: "" });
    expect(noEmail.status).toBe(400);
    expect(noEmail.location).toBeNull();
    expect(noEmail.html).toMatch(/role="alert"[^>]*>Enter an email address/);
    const noCompany = await post({ client_id: APP.clientId, redirect_uri: APP.redirectUris[0]!, response_type: "code", scope: ACCOUNTING, action: "connect", realm: "999", email: "demo@intuit.example" });
    expect(noCompany.status).toBe(400);
    expect(noCompany.html).toContain("Choose a company to connect");
  });
});
