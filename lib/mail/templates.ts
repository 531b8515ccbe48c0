// Plain, accessible emails: one sentence, one button, the link repeated as text for clients that block buttons.

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

function layout(intro: string, action: string, url: string, outro: string): string {
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:520px;margin:24px auto">
<p>${escapeHtml(intro)}</p>
<p><a href="${escapeHtml(url)}" style="display:inline-block;background:#1d5fd6;color:#fff;padding:10px 16px;border-radius:8px;text-decoration:none">${escapeHtml(action)}</a></p>
<p style="color:#475569;font-size:14px">Or open this link: <a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>
<p style="color:#475569;font-size:14px">${escapeHtml(outro)}</p>
</body></html>`;
}

export function signInEmail(url: string) {
  const intro = "Use the button below to sign in to Ledgerwire.";
  const outro = "The link works once and expires in 24 hours. If you did not ask for it, ignore this email.";
  return { subject: "Sign in to Ledgerwire", text: `${intro}\n\n${url}\n\n${outro}`, html: layout(intro, "Sign in", url, outro), link: url };
}

export function invitationEmail(input: { url: string; workspaceName: string; inviterName: string; role: string; expiresAt: Date }) {
  const intro = `${input.inviterName} invited you to join ${input.workspaceName} on Ledgerwire as ${input.role.toLowerCase()}.`;
  const outro = `The invitation works once and expires on ${input.expiresAt.toUTCString()}.`;
  return {
    subject: `Join ${input.workspaceName} on Ledgerwire`,
    text: `${intro}\n\n${input.url}\n\n${outro}`,
    html: layout(intro, "Accept the invitation", input.url, outro),
    link: input.url,
  };
}

export function qboReconnectEmail(input: { url: string; workspaceName: string; companyName: string }) {
  const intro = `QuickBooks stopped accepting Ledgerwire's access to ${input.companyName} (workspace ${input.workspaceName}). Nothing is posted to it until an admin reconnects it.`;
  const outro = "Reconnecting keeps the connection's history; postings waiting meanwhile go out once it is back.";
  return {
    subject: `Reconnect ${input.companyName} to Ledgerwire`,
    text: `${intro}\n\n${input.url}\n\n${outro}`,
    html: layout(intro, "Reconnect QuickBooks", input.url, outro),
    link: input.url,
  };
}

export function qboExpiryWarningEmail(input: { url: string; workspaceName: string; companyName: string; expiresAt: Date; hard: boolean }) {
  const intro = input.hard
    ? `Intuit's five-year limit on the connection to ${input.companyName} (workspace ${input.workspaceName}) ends on ${input.expiresAt.toUTCString()}. Reconnect before then to keep syncing.`
    : `The connection to ${input.companyName} (workspace ${input.workspaceName}) will lapse on ${input.expiresAt.toUTCString()} unless it is used or reconnected before then.`;
  const outro = "Reconnecting takes a minute and keeps the connection's history.";
  return { subject: `Reconnect ${input.companyName} before ${input.expiresAt.toDateString()}`, text: `${intro}\n\n${input.url}\n\n${outro}`, html: layout(intro, "Open Connections", input.url, outro), link: input.url };
}
