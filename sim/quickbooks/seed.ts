// What a new sandbox company starts with. (Being expanded to the full sandbox chart of accounts.)
import type { RealmContext } from "./rest/context";
import { ENTITIES } from "./rest/entities";
import { nextId, saveRecord } from "./rest/store";

function put(ctx: RealmContext, entity: string, fields: Record<string, unknown>, id?: string) {
  const def = ENTITIES.find((e) => e.name === entity)!;
  return saveRecord(ctx, def, { ...fields, domain: "QBO", sparse: false, Id: id ?? nextId(ctx, def), SyncToken: "0", MetaData: { CreateTime: "", LastUpdatedTime: "" } }, "Create");
}

export function seedCompany(ctx: RealmContext): void {
  const { realm } = ctx;
  put(ctx, "CompanyInfo", { CompanyName: realm.companyName, LegalName: realm.companyName, Country: realm.country, SupportedLanguages: "en" }, "1");
  put(ctx, "Preferences", { CurrencyPrefs: { MultiCurrencyEnabled: realm.multicurrency, HomeCurrency: { value: realm.currency } } }, "1");
}
