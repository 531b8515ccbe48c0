import { env } from "../env";
import type { QboEnvironment } from "../db";

// Where each QuickBooks environment lives: Intuit's hosts, or the QuickBooks simulator for both environments
// in demo mode (QBO_SIM_URL). Decided here once, from configuration, never from a URL substring.

export type QboApp = {
  environment: QboEnvironment;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  userInfoUrl: string;
  apiBaseUrl: string;
  simulated: boolean;
};

const INTUIT = {
  authorizeUrl: "https://appcenter.intuit.com/connect/oauth2",
  tokenUrl: "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer",
  revokeUrl: "https://developer.api.intuit.com/v2/oauth2/tokens/revoke",
  userInfoUrl: { SANDBOX: "https://sandbox-accounts.platform.intuit.com/v1/openid_connect/userinfo", PRODUCTION: "https://accounts.platform.intuit.com/v1/openid_connect/userinfo" },
  apiBaseUrl: { SANDBOX: "https://sandbox-quickbooks.api.intuit.com", PRODUCTION: "https://quickbooks.api.intuit.com" },
} as const;

export const QBO_CALLBACK_PATH = "/api/qbo/callback";

/** The Intuit app for an environment, or null when its keys are not configured. */
export function qboApp(environment: QboEnvironment): QboApp | null {
  const e = env();
  const keys = e.intuitApps[environment];
  if (!keys) return null;
  const redirectUri = `${e.appUrl}${QBO_CALLBACK_PATH}`;
  const sim = e.qboSimUrl;
  if (sim) {
    return {
      environment,
      ...keys,
      redirectUri,
      authorizeUrl: `${sim}/connect/oauth2`,
      tokenUrl: `${sim}/oauth2/v1/tokens/bearer`,
      revokeUrl: `${sim}/v2/oauth2/tokens/revoke`,
      userInfoUrl: `${sim}/v1/openid_connect/userinfo`,
      apiBaseUrl: sim,
      simulated: true,
    };
  }
  return {
    environment,
    ...keys,
    redirectUri,
    authorizeUrl: INTUIT.authorizeUrl,
    tokenUrl: INTUIT.tokenUrl,
    revokeUrl: INTUIT.revokeUrl,
    userInfoUrl: INTUIT.userInfoUrl[environment],
    apiBaseUrl: INTUIT.apiBaseUrl[environment],
    simulated: false,
  };
}
