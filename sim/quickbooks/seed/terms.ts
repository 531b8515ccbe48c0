// The terms and payment methods a new QuickBooks company starts with.
import type { RealmContext } from "../rest/context";
import { put } from "./put";

export function seedTermsAndMethods(ctx: RealmContext): void {
  put(ctx, "Term", { Name: "Due on receipt", DueDays: 0 });
  put(ctx, "Term", { Name: "Net 15", DueDays: 15 });
  put(ctx, "Term", { Name: "Net 30", DueDays: 30 });
  put(ctx, "Term", { Name: "Net 60", DueDays: 60 });
  put(ctx, "PaymentMethod", { Name: "Cash", Type: "NON_CREDIT_CARD" });
  put(ctx, "PaymentMethod", { Name: "Check", Type: "NON_CREDIT_CARD" });
  for (const card of ["American Express", "Diners Club", "Discover", "MasterCard", "Visa"]) put(ctx, "PaymentMethod", { Name: card, Type: "CREDIT_CARD" });
}
