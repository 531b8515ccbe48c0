// The scopes the simulated consent page understands, with the plain words it shows for each.

export const ACCOUNTING_SCOPE = "com.intuit.quickbooks.accounting";
export const OPENID_SCOPE = "openid";

const DESCRIPTIONS: Record<string, string> = {
  [ACCOUNTING_SCOPE]: "Read and change your company's accounting data: customers, invoices, payments, accounts and reports",
  "com.intuit.quickbooks.payment": "Take and refund payments through QuickBooks Payments",
  openid: "Sign you in with your Intuit account",
  profile: "See your name",
  email: "See your email address",
  phone: "See your phone number",
  address: "See your address",
};

/** Splits a `scope` parameter (space separated) into distinct scopes, in the order asked. */
export function parseScope(raw: string | null | undefined): string[] {
  return [...new Set((raw ?? "").split(/\s+/).filter((s) => s !== ""))];
}

export function unknownScopes(scope: string[]): string[] {
  return scope.filter((s) => !(s in DESCRIPTIONS));
}

export function describeScope(scope: string): string {
  return DESCRIPTIONS[scope] ?? scope;
}

export function hasAccounting(scope: string[]): boolean {
  return scope.includes(ACCOUNTING_SCOPE);
}

export function hasOpenId(scope: string[]): boolean {
  return scope.includes(OPENID_SCOPE);
}
