import type { SimCore } from "../core";
import type { App, WebhookFormat } from "../state";

export type AppInput = {
  clientId: string;
  clientSecret: string;
  redirectUris?: string[];
  webhookUrl?: string | null;
  verifierToken?: string | null;
  webhookFormat?: WebhookFormat;
  name?: string;
};

/** Registers (or re-registers) an app, as on Intuit's developer portal. */
export function registerApp(core: SimCore, input: AppInput): App {
  const app: App = {
    clientId: input.clientId,
    clientSecret: input.clientSecret,
    redirectUris: input.redirectUris ?? [],
    webhookUrl: input.webhookUrl ?? null,
    verifierToken: input.verifierToken ?? null,
    webhookFormat: input.webhookFormat ?? "cloudevents",
    name: input.name ?? input.clientId,
  };
  core.state.apps[app.clientId] = app;
  return app;
}
