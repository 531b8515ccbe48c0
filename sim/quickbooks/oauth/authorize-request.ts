// Reads and checks an authorization request (GET /connect/oauth2, and again from the consent form's hidden
// fields on POST, since a form can be edited). Until the client and redirect URI are known good, problems
// get an error page and no redirect; after that they go back to the app as RFC 6749 4.1.2.1 errors.
import type { SimCore } from "../core";
import { redirect, type SimAnswer } from "../http";
import type { App } from "../state";
import { errorPage } from "./answers";
import { parseScope, unknownScopes } from "./scopes";

export type AuthorizeRequest = {
  app: App;
  redirectUri: string;
  scope: string[];
  state: string | null;
  nonce: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: "S256" | "plain" | null;
  /** The parameters to carry through the consent form unchanged. */
  carried: [string, string][];
};

const CARRIED = ["client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method"];
const PKCE_VALUE = /^[A-Za-z0-9._~-]{43,128}$/;

/** Sends the user back to the app with `code`/`error`, `state` and friends added to its redirect URI. */
export function backToApp(redirectUri: string, params: Record<string, string | null>): SimAnswer {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value);
  return redirect(url.toString());
}

export function readAuthorizeRequest(core: SimCore, params: URLSearchParams): { request: AuthorizeRequest } | { answer: SimAnswer } {
  const clientId = params.get("client_id") ?? "";
  const app = Object.hasOwn(core.state.apps, clientId) ? core.state.apps[clientId] : undefined;
  if (!app) {
    return { answer: errorPage(400, "Unknown app", clientId ? `No app is registered with the client id "${clientId}".` : "The request has no client_id.") };
  }
  const redirectUri = params.get("redirect_uri") ?? "";
  if (!app.redirectUris.includes(redirectUri)) {
    const message = redirectUri
      ? `The redirect URI "${redirectUri}" is not registered for ${app.name}. Add it to the app's redirect URIs (exact match).`
      : "The request has no redirect_uri.";
    return { answer: errorPage(400, "Redirect URI not registered", message) };
  }
  const state = params.get("state");
  const fail = (error: string, description: string) => ({ answer: backToApp(redirectUri, { error, error_description: description, state }) });

  if (params.get("response_type") !== "code") return fail("unsupported_response_type", "response_type must be code");
  const scope = parseScope(params.get("scope"));
  if (scope.length === 0) return fail("invalid_scope", "scope is required");
  const unknown = unknownScopes(scope);
  if (unknown.length > 0) return fail("invalid_scope", `Unknown scope: ${unknown.join(" ")}`);

  const codeChallenge = params.get("code_challenge");
  const method = params.get("code_challenge_method");
  if (codeChallenge === null && method !== null) return fail("invalid_request", "code_challenge_method without code_challenge");
  if (codeChallenge !== null && !PKCE_VALUE.test(codeChallenge)) return fail("invalid_request", "code_challenge is malformed");
  if (method !== null && method !== "S256" && method !== "plain") return fail("invalid_request", "code_challenge_method must be S256 or plain");

  const carried: [string, string][] = [];
  for (const key of CARRIED) {
    const value = params.get(key);
    if (value !== null) carried.push([key, value]);
  }
  return {
    request: {
      app,
      redirectUri,
      scope,
      state,
      nonce: params.get("nonce"),
      codeChallenge,
      // RFC 7636: a challenge without a method is "plain".
      codeChallengeMethod: codeChallenge === null ? null : method === "S256" ? "S256" : "plain",
      carried,
    },
  };
}
