// Shared by the ledger's tests: a multicurrency company over HTTP, and its books read in-process.
import { realmContext } from "../../core";
import type { Realm } from "../../state";
import type { TestSim } from "../../test-helpers";
import { mintAccessToken } from "../../test-helpers";
import { records } from "../store";
import { journalLines, type ReportBasis } from "./journal";

export type Company = {
  realm: Realm;
  api: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;
  /** Account id by name (case-sensitive). */
  account: (name: string) => string;
  /** An account as the API reads it. */
  read: (name: string) => Promise<Record<string, unknown>>;
  /** Home-currency cents the general ledger holds on an account (debit +), from its journal lines. */
  ledger: (name: string, basis?: ReportBasis) => number;
};

export function company(t: TestSim, input: { name: string; multicurrency?: boolean; currency?: string; country?: string }): Company {
  const realm = t.sim.createCompany(input);
  const token = mintAccessToken(t.sim, realm.realmId);
  const ctx = () => realmContext(t.sim.core, realm);
  const account = (name: string) => {
    const found = Object.values(records(ctx(), "Account")).find((a) => a.Name === name);
    if (!found) throw new Error(`No account ${name}`);
    return found.Id;
  };
  const api: Company["api"] = async (method, path, body) => {
    const res = await fetch(`${t.sim.url}/v3/company/${realm.realmId}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  return {
    realm,
    api,
    account,
    read: async (name) => ((await api("GET", `/account/${account(name)}`)).body as { Account: Record<string, unknown> }).Account,
    ledger: (name, basis) => {
      const id = account(name);
      return journalLines(ctx(), { basis }).filter((l) => l.accountId === id).reduce((sum, l) => sum + l.homeAmount, 0);
    },
  };
}
