import type { SimCore } from "../core";
import type { Change } from "../state";

export type WebhookDelivery = Record<string, unknown>;

/** Sends change notifications to each app's webhook endpoint. (Being built.) */
export class WebhookNotifier {
  constructor(
    private core: SimCore,
    private options: { intervalMs: number },
  ) {}
  onChange(_realmId: string, _change: Change): void {}
  deliveries(): WebhookDelivery[] {
    return [];
  }
  /** Sends whatever is waiting now, without waiting for the grouping interval. */
  async flush(): Promise<void> {}
  stop(): void {}
}
