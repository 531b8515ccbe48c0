// Answers shared by the OAuth endpoints. Token answers must never be cached (Intuit sends the same two headers).
import { escapeHtml, html, json, type SimAnswer } from "../http";

const NO_STORE = { "cache-control": "no-cache, no-store", pragma: "no-cache" };

export function tokenAnswer(body: Record<string, unknown>): SimAnswer {
  return json(200, body, NO_STORE);
}

/** RFC 6749 error body. Intuit leaves out `error_description` on most errors, so it is optional here too. */
export function oauthError(status: number, error: string, description?: string): SimAnswer {
  return json(status, description === undefined ? { error } : { error, error_description: description }, NO_STORE);
}

/** Exactly Intuit's body for a bad, used, expired or rotated-away code or refresh token. */
export function invalidGrant(): SimAnswer {
  return json(400, { error_description: "Token invalid", error: "invalid_grant" }, NO_STORE);
}

export function invalidClient(): SimAnswer {
  return json(401, { error: "invalid_client" }, NO_STORE);
}

export function methodNotAllowed(allowed: string[]): SimAnswer {
  return json(405, { error: "invalid_request", error_description: `Use ${allowed.join(" or ")}.` }, { allow: allowed.join(", ") });
}

/** A whole HTML page in the simulator's plain style (consent page and its errors). */
export function page(status: number, title: string, main: string): SimAnswer {
  const body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · QuickBooks simulator</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #f4f5f8; color: #1b1b1b; }
  main { max-width: 34rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 8px; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.05rem; }
  fieldset { border: 1px solid #c6c9d0; border-radius: 6px; margin: 1rem 0; padding: 0.75rem 1rem; }
  label { display: inline-block; margin: 0.25rem 0; }
  input[type="text"], input[type="email"] { display: block; width: 100%; box-sizing: border-box; padding: 0.4rem; font: inherit; }
  .choice { display: block; }
  .note { color: #555; font-size: 0.9rem; }
  .error { color: #a4000f; font-weight: 600; }
  .actions { display: flex; gap: 0.75rem; margin-top: 1rem; }
  button { font: inherit; padding: 0.5rem 1.25rem; border-radius: 4px; border: 1px solid #2c6e2c; cursor: pointer; }
  button[value="connect"] { background: #2c6e2c; color: #fff; }
  button[value="cancel"] { background: #fff; color: #2c6e2c; }
  :focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`;
  return html(status, body, { "cache-control": "no-store", "x-frame-options": "DENY" });
}

/** A request the simulator will not send anywhere (unknown app, unregistered redirect URI): say so, never redirect. */
export function errorPage(status: number, title: string, message: string): SimAnswer {
  return page(status, title, `<h1>${escapeHtml(title)}</h1>\n<p role="alert" class="error">${escapeHtml(message)}</p>\n<p class="note">QuickBooks Online simulator. Nothing was shared with the app.</p>`);
}
