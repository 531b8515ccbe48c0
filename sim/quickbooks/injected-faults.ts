// Faults a test or the control API injects: the next N requests, or a share of requests, answer with an
// error, time out, reset the connection or answer slowly. Rules can target the REST API, the OAuth endpoints
// or both, and one realm or all.

export type FaultKind = "500" | "503" | "429" | "timeout" | "reset" | "slow";

export type FaultRule = {
  id: number;
  kind: FaultKind;
  target: "api" | "oauth" | "all";
  realmId: string | null;
  /** Only requests whose path contains this text (e.g. "/batch", "/tokens/bearer"). */
  pathContains: string | null;
  /** How many more requests this rule hits; null means no count limit. */
  remaining: number | null;
  /** Share of matching requests hit (0..1); 1 by default. */
  share: number;
  /** Delay for "slow" (and how long "timeout" holds the connection before closing it), real ms. */
  delayMs: number;
};

export type FaultMatch = { target: "api" | "oauth"; realmId: string | null; path: string };

export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;

  constructor(private random: () => number = Math.random) {}

  add(rule: Omit<FaultRule, "id">): FaultRule {
    const added = { ...rule, id: this.nextId++ };
    this.rules.push(added);
    return added;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  /** The rule that hits this request, if any; counts it down. */
  take(match: FaultMatch): FaultRule | null {
    for (const rule of this.rules) {
      if (rule.target !== "all" && rule.target !== match.target) continue;
      if (rule.realmId && rule.realmId !== match.realmId) continue;
      if (rule.pathContains && !match.path.includes(rule.pathContains)) continue;
      if (rule.share < 1 && this.random() >= rule.share) continue;
      if (rule.remaining !== null) {
        rule.remaining -= 1;
        if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
      }
      return { ...rule };
    }
    return null;
  }
}
