import { MappingSettingsSchema, type MappingSettings } from "../ledger/types/mapping";
import { ROLE_FITS, type CategoryDef } from "./catalogue";

// The workspace settings lib/ledger reads (how a sale and a refund are booked), saved with each mapping version,
// in words a finance person reads. Pure and free of server modules: the page shows the same sentences.

export type { MappingSettings };
export type SettingName = keyof MappingSettings;

export const DEFAULT_SETTINGS: MappingSettings = { sales: "SalesReceipt", refunds: "RefundReceipt" };

type Option<V extends string> = { value: V; label: string; books: string };

export const SETTING_OPTIONS: { [K in SettingName]: { legend: string; options: Option<MappingSettings[K]>[] } } = {
  sales: {
    legend: "Sales are booked as",
    options: [
      {
        value: "SalesReceipt",
        label: "Sales receipt",
        books: "One sales receipt per paid sale, deposited to the source's clearing account: clearing is debited with the total, income and tax are credited. Nothing shows on the customer's balance.",
      },
      {
        value: "InvoiceAndPayment",
        label: "Invoice + Payment",
        books: "An invoice to the customer with a payment applied at once into clearing: Accounts Receivable goes up and straight back down, so every sale is on the customer's statement.",
      },
    ],
  },
  refunds: {
    legend: "Refunds are booked as",
    options: [
      {
        value: "RefundReceipt",
        label: "Refund receipt",
        books: "One refund receipt per refund, paid out of the source's clearing account: income (or the Refunds item) and tax are debited, clearing is credited.",
      },
      {
        value: "CreditMemoAndRefund",
        label: "CreditMemo + refund",
        books: "A credit memo for the customer (income and tax debited, Accounts Receivable credited) and a journal entry paying that credit out of clearing through Accounts Receivable, so the customer's balance returns to zero. Needs the Accounts Receivable account below.",
      },
    ],
  },
};

/** The label of a setting's value ("CreditMemo + refund"), or the value itself for one this code does not know. */
export function settingLabel(name: SettingName, value: string): string {
  return (SETTING_OPTIONS[name].options as Option<string>[]).find((o) => o.value === value)?.label ?? value;
}

/** "Sales as Sales receipt, refunds as CreditMemo + refund." */
export function bookedAs(settings: MappingSettings): string {
  return `Sales as ${settingLabel("sales", settings.sales)}, refunds as ${settingLabel("refunds", settings.refunds)}.`;
}

/** A stored version's settings; anything unreadable is the ledger's defaults (what such a version booked with). */
export function readSettings(stored: unknown): MappingSettings {
  const parsed = MappingSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export type SettingChange = { setting: SettingName; from: string; to: string };

export function diffSettings(before: MappingSettings, after: MappingSettings): SettingChange[] {
  return (Object.keys(SETTING_OPTIONS) as SettingName[]).filter((k) => before[k] !== after[k]).map((k) => ({ setting: k, from: before[k], to: after[k] }));
}

/** Paying a credit memo out of clearing is a journal entry, and a journal entry line on A/R names its account. */
export const RECEIVABLE: CategoryDef = {
  key: "receivable",
  label: "Accounts Receivable for refunds",
  help: "With refunds booked as a CreditMemo + refund, the journal entry that pays the credit out of clearing debits this account for the customer. Accounts Receivable.",
  use: "account",
  fits: ROLE_FITS.receivable,
  required: true,
  suggest: ["Accounts Receivable (A/R)", "Accounts Receivable"],
};

/** The categories a version's settings add: the A/R account when refunds are paid out of credit memos. */
export function settingsCategories(settings: MappingSettings): CategoryDef[] {
  return settings.refunds === "CreditMemoAndRefund" ? [RECEIVABLE] : [];
}
