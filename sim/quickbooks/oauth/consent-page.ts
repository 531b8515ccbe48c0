// The consent page: who is asking, what for (in plain words), which account and which company. Every
// value echoed back is escaped; every input has a label; the two buttons say what they do.
import type { SimAnswer } from "../http";
import { escapeHtml } from "../http";
import type { Realm } from "../state";
import { page } from "./answers";
import type { AuthorizeRequest } from "./authorize-request";
import { describeScope, hasAccounting } from "./scopes";

export type ConsentForm = {
  email: string;
  /** A realm id, "new", or null for the default choice. */
  realm: string | null;
  companyName: string;
  error: string | null;
};

function companyChoices(realms: Realm[], form: ConsentForm): string {
  const chosen = form.realm ?? realms[0]?.realmId ?? "new";
  const rows = realms.map((realm) => {
    const id = `realm-${escapeHtml(realm.realmId)}`;
    const checked = chosen === realm.realmId ? " checked" : "";
    return `<div class="choice"><input type="radio" id="${id}" name="realm" value="${escapeHtml(realm.realmId)}"${checked}> <label for="${id}">${escapeHtml(realm.companyName)} <span class="note">(company id ${escapeHtml(realm.realmId)})</span></label></div>`;
  });
  rows.push(`<div class="choice"><input type="radio" id="realm-new" name="realm" value="new"${chosen === "new" ? " checked" : ""}> <label for="realm-new">Create a new company</label></div>`);
  return `<fieldset>
<legend>Company to connect</legend>
${rows.join("\n")}
<label for="company_name">New company name <span class="note">(used with "Create a new company")</span></label>
<input type="text" id="company_name" name="company_name" maxlength="100" value="${escapeHtml(form.companyName)}">
</fieldset>`;
}

export function consentPage(request: AuthorizeRequest, realms: Realm[], form: ConsentForm, status = 200): SimAnswer {
  const appName = escapeHtml(request.app.name);
  const hidden = request.carried.map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join("\n");
  const scopes = request.scope.map((s) => `<li>${escapeHtml(describeScope(s))}</li>`).join("\n");
  const error = form.error ? `<p role="alert" class="error" id="form-error">${escapeHtml(form.error)}</p>` : "";
  const main = `<h1>Connect ${appName} to your Intuit account</h1>
<p class="note">QuickBooks Online simulator: no real Intuit account or company is involved.</p>
<h2 id="asks">${appName} is asking to:</h2>
<ul aria-labelledby="asks">
${scopes}
</ul>
${error}
<form method="post" action="/connect/oauth2">
${hidden}
<fieldset>
<legend>Your Intuit account</legend>
<label for="email">Email address</label>
<input type="email" id="email" name="email" required autocomplete="email" value="${escapeHtml(form.email)}"${form.error ? ' aria-describedby="form-error"' : ""}>
</fieldset>
${hasAccounting(request.scope) ? companyChoices(realms, form) : ""}
<div class="actions">
<button type="submit" name="action" value="connect">Connect</button>
<button type="submit" name="action" value="cancel" formnovalidate>Cancel</button>
</div>
</form>`;
  return page(status, `Connect ${request.app.name}`, main);
}
