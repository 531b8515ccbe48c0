// GET /connect/oauth2 shows the consent page; POST /connect/oauth2 is its form. Connect stores a
// single-use authorization code (5 minutes) and sends the browser back with `code`, `state` and, when the
// accounting scope was granted, `realmId`; Cancel sends it back with `error=access_denied`.
import type { SimCore } from "../core";
import { formBody, type SimAnswer, type SimRequest } from "../http";
import { createCompany } from "../realms";
import type { Realm } from "../state";
import { methodNotAllowed } from "./answers";
import { backToApp, readAuthorizeRequest, type AuthorizeRequest } from "./authorize-request";
import { consentPage, type ConsentForm } from "./consent-page";
import { newCodeValue } from "./grants";
import { CODE_SECONDS, type StoredCode } from "./records";
import { hasAccounting } from "./scopes";
import { DEFAULT_EMAIL, linkRealm, looksLikeEmail, userForEmail } from "./users";

function realms(core: SimCore): Realm[] {
  return Object.values(core.state.realms).sort((a, b) => a.createdAt - b.createdAt || a.realmId.localeCompare(b.realmId));
}

/** Codes expire after 5 minutes; keep them an hour longer so a late replay is still recognised, then drop them. */
function pruneCodes(core: SimCore, now: number): void {
  for (const [value, code] of Object.entries(core.state.authCodes)) {
    if (code.expiresAt < now - 3600_000) delete core.state.authCodes[value];
  }
}

function chooseRealm(core: SimCore, form: ConsentForm): { realm: Realm } | { error: string } {
  if (form.realm === "new") {
    const name = form.companyName.trim();
    if (name.length > 100) return { error: "The company name can have at most 100 characters." };
    return { realm: createCompany(core, name ? { name } : {}) };
  }
  const realm = form.realm && Object.hasOwn(core.state.realms, form.realm) ? core.state.realms[form.realm] : undefined;
  return realm ? { realm } : { error: "Choose a company to connect, or create a new one." };
}

function connect(core: SimCore, request: AuthorizeRequest, form: ConsentForm): SimAnswer {
  if (!looksLikeEmail(form.email)) return consentPage(request, realms(core), { ...form, error: "Enter an email address, like demo@intuit.example." }, 400);
  let realm: Realm | null = null;
  if (hasAccounting(request.scope)) {
    const chosen = chooseRealm(core, form);
    if ("error" in chosen) return consentPage(request, realms(core), { ...form, error: chosen.error }, 400);
    realm = chosen.realm;
  }
  const user = userForEmail(core, form.email);
  linkRealm(user, realm?.realmId ?? null);

  const now = core.clock.now();
  pruneCodes(core, now);
  const code: StoredCode = {
    code: newCodeValue(now),
    clientId: request.app.clientId,
    redirectUri: request.redirectUri,
    realmId: realm?.realmId ?? null,
    scope: request.scope,
    sub: user.sub,
    nonce: request.nonce,
    expiresAt: now + CODE_SECONDS * 1000,
    used: false,
    issuedRefreshToken: null,
    codeChallenge: request.codeChallenge,
    codeChallengeMethod: request.codeChallengeMethod,
    authTime: now,
  };
  core.state.authCodes[code.code] = code;
  return backToApp(request.redirectUri, { code: code.code, state: request.state, realmId: code.realmId });
}

export function handleConsent(core: SimCore, req: SimRequest): SimAnswer {
  if (req.method === "GET") {
    const read = readAuthorizeRequest(core, req.url.searchParams);
    if ("answer" in read) return read.answer;
    return consentPage(read.request, realms(core), { email: DEFAULT_EMAIL, realm: null, companyName: "", error: null });
  }
  if (req.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const fields = formBody(req);
  const read = readAuthorizeRequest(core, fields);
  if ("answer" in read) return read.answer;
  const request = read.request;
  if (fields.get("action") === "cancel") {
    return backToApp(request.redirectUri, { error: "access_denied", state: request.state });
  }
  if (fields.get("action") !== "connect") {
    return consentPage(request, realms(core), { email: fields.get("email") ?? DEFAULT_EMAIL, realm: fields.get("realm"), companyName: fields.get("company_name") ?? "", error: "Choose Connect or Cancel." }, 400);
  }
  return connect(core, request, { email: fields.get("email") ?? "", realm: fields.get("realm"), companyName: fields.get("company_name") ?? "", error: null });
}
