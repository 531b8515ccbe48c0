// Shared by the report tests: a company of its own on a fixed sim clock, its REST calls, and walkers that
// find sections by group and rows by their first cell in report answers.
import { mintAccessToken, type TestSim } from "../../test-helpers";
import type { Realm } from "../../state";
import { idOf, type Doc } from "../rules/test-kit";

/** 2026-06-15 at noon in the companies' UTC-08:00. */
export const NOW = Date.parse("2026-06-15T20:00:00Z");

export type Company = { realm: Realm; api: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: Doc }> };

export function company(t: TestSim, options: { multicurrency?: boolean } = {}): Company {
  const realm = t.sim.createCompany({ name: "Reports Co", ...options });
  const token = mintAccessToken(t.sim, realm.realmId);
  const api: Company["api"] = async (method, path, body) => {
    const res = await fetch(`${t.sim.url}/v3/company/${realm.realmId}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Doc };
  };
  return { realm, api };
}

export const ref = (c: Company, entity: string, field: string, value: string) => ({ value: idOf(c.realm, entity, field, value) });
export const account = (c: Company, name: string) => ref(c, "Account", "Name", name);
export const item = (c: Company, name: string) => ref(c, "Item", "Name", name);
export const customer = (c: Company, name: string) => ref(c, "Customer", "DisplayName", name);

/** Posts and returns the entity, failing loudly on a Fault. */
export async function post(c: Company, entity: string, body: unknown): Promise<Doc> {
  const res = await c.api("POST", `/${entity.toLowerCase()}`, body);
  if (res.status !== 200) throw new Error(`${entity}: ${JSON.stringify(res.body)}`);
  return res.body[entity];
}

export async function report(c: Company, name: string, query = ""): Promise<Doc> {
  const res = await c.api("GET", `/reports/${name}${query ? `?${query}` : ""}`);
  if (res.status !== 200) throw new Error(`${name}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Every row of a report, depth first. */
export function allRows(rows: Doc[] | undefined): Doc[] {
  return (rows ?? []).flatMap((row: Doc) => [row, ...allRows(row.Rows?.Row)]);
}

export function group(body: Doc, name: string): Doc {
  const found = allRows(body.Rows.Row).find((row) => row.group === name);
  if (!found) throw new Error(`No group ${name}`);
  return found;
}

export const hasGroup = (body: Doc, name: string) => allRows(body.Rows.Row).some((row) => row.group === name);

/** The values of the Data row (or Section header) whose first cell is `label`, at any depth below `rows`. */
export function rowValues(rows: Doc[] | undefined, label: string): string[] | undefined {
  const found = allRows(rows).find((row) => (row.ColData ?? row.Header?.ColData)?.[0]?.value === label);
  return (found?.ColData ?? found?.Header?.ColData)?.map((c: Doc) => c.value);
}

export const summaryValues = (row: Doc): string[] => row.Summary.ColData.map((c: Doc) => c.value);

/** Cents of a report money string. */
export function cents(value: string): number {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(value);
  if (!match) throw new Error(`Not report money: ${value}`);
  return (match[1] ? -1 : 1) * (Number(match[2]) * 100 + Number(match[3]));
}
