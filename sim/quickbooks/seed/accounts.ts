// The chart of accounts of a new US sandbox company: banks, Undeposited Funds, A/R and A/P, a credit card,
// inventory, sales tax, equity, income (products, services, discounts, shipping), cost of goods sold and the
// usual expenses.
import type { RealmContext } from "../rest/context";
import { postOpeningBalance } from "../rest/books/ledger";
import { put } from "./put";
import { taxAccountRows, taxModelOf } from "./tax-models";

type Row = [name: string, type: string, subType: string, description?: string];

const CHART: Row[] = [
  ["Checking", "Bank", "Checking", "Business checking account"],
  ["Savings", "Bank", "Savings"],
  ["Undeposited Funds", "Other Current Asset", "UndepositedFunds", "Payments received but not yet deposited"],
  ["Inventory Asset", "Other Current Asset", "Inventory"],
  ["Prepaid Expenses", "Other Current Asset", "PrepaidExpenses"],
  ["Uncategorized Asset", "Other Current Asset", "OtherCurrentAssets"],
  ["Accounts Receivable (A/R)", "Accounts Receivable", "AccountsReceivable"],
  ["Furniture and Equipment", "Fixed Asset", "FurnitureAndFixtures"],
  ["Vehicles", "Fixed Asset", "Vehicles"],
  ["Accumulated Depreciation", "Fixed Asset", "AccumulatedDepreciation"],
  ["Security Deposits", "Other Asset", "SecurityDeposits"],
  ["Accounts Payable (A/P)", "Accounts Payable", "AccountsPayable"],
  ["Mastercard", "Credit Card", "CreditCard", "Company credit card"],
  ["Sales Tax Payable", "Other Current Liability", "SalesTaxPayable"],
  ["Payroll Liabilities", "Other Current Liability", "PayrollTaxPayable"],
  ["Loan Payable", "Other Current Liability", "LoanPayable"],
  ["Notes Payable", "Long Term Liability", "NotesPayable"],
  ["Opening Balance Equity", "Equity", "OpeningBalanceEquity"],
  ["Owner's Investment", "Equity", "OwnersEquity"],
  ["Owner's Pay & Personal Expenses", "Equity", "PersonalExpense"],
  ["Retained Earnings", "Equity", "RetainedEarnings"],
  ["Sales of Product Income", "Income", "SalesOfProductIncome"],
  ["Services", "Income", "ServiceFeeIncome"],
  ["Discounts given", "Income", "DiscountsRefundsGiven"],
  ["Shipping income", "Income", "OtherPrimaryIncome"],
  ["Refunds-Allowances", "Income", "DiscountsRefundsGiven"],
  ["Unapplied Cash Payment Income", "Income", "UnappliedCashPaymentIncome"],
  ["Uncategorized Income", "Income", "ServiceFeeIncome"],
  ["Interest Earned", "Other Income", "InterestEarned"],
  ["Other Income", "Other Income", "OtherMiscellaneousIncome"],
  ["Cost of Goods Sold", "Cost of Goods Sold", "SuppliesMaterialsCogs"],
  ["Shipping, Freight & Delivery - COS", "Cost of Goods Sold", "ShippingFreightDeliveryCos"],
  ["Advertising", "Expense", "AdvertisingPromotional"],
  ["Bank Charges", "Expense", "BankCharges"],
  ["Merchant Account Fees", "Expense", "BankCharges", "Card processing and payout fees"],
  ["Car & Truck", "Expense", "Auto"],
  ["Contractors", "Expense", "CostOfLabor"],
  ["Dues & Subscriptions", "Expense", "DuesSubscriptions"],
  ["Insurance", "Expense", "Insurance"],
  ["Interest Paid", "Expense", "InterestPaid"],
  ["Legal & Professional Fees", "Expense", "LegalProfessionalFees"],
  ["Meals and Entertainment", "Expense", "EntertainmentMeals"],
  ["Office Supplies & Software", "Expense", "OfficeGeneralAdministrativeExpenses"],
  ["Rent or Lease", "Expense", "RentOrLeaseOfBuildings"],
  ["Repairs & Maintenance", "Expense", "RepairMaintenance"],
  ["Shipping, Freight & Delivery", "Expense", "ShippingFreightDelivery"],
  ["Taxes & Licenses", "Expense", "TaxesPaid"],
  ["Travel", "Expense", "Travel"],
  ["Utilities", "Expense", "Utilities"],
  ["Payroll Expenses", "Expense", "PayrollExpenses"],
  ["Uncategorized Expense", "Expense", "OtherMiscellaneousServiceCost"],
  ["Unapplied Cash Bill Payment Expense", "Expense", "UnappliedCashBillPaymentExpense"],
  ["Depreciation", "Other Expense", "Depreciation"],
  ["Exchange Gain or Loss", "Other Expense", "ExchangeGainOrLoss"],
  ["Penalties & Settlements", "Other Expense", "PenaltiesSettlements"],
];

/**
 * Opening balances in cents: the banks and the Widget stock (100 at $10, see lists.ts), posted against
 * Opening Balance Equity (which therefore reads 8,500.00) as QuickBooks books an account's opening balance.
 */
const OPENING: Record<string, number> = { Checking: 500_000, Savings: 250_000, "Inventory Asset": 100_000 };

/** Seeds the chart; returns account ids by name for the lists that point at them. */
export function seedAccounts(ctx: RealmContext, startDate: string): Record<string, string> {
  const ids: Record<string, string> = {};
  const opened = [];
  // Outside the US the country's tax accounts (VAT Control, GST/HST Payable ...) stand in for Sales Tax Payable.
  const model = taxModelOf(ctx.realm.country);
  const chart: Row[] = model ? [...CHART.filter(([name]) => name !== "Sales Tax Payable"), ...taxAccountRows(model)] : CHART;
  for (const [name, type, subType, description] of chart) {
    const opening = OPENING[name];
    const fields = { Name: name, AccountType: type, AccountSubType: subType, ...(description ? { Description: description } : {}) };
    const account = put(ctx, "Account", opening === undefined ? fields : { ...fields, OpeningBalance: opening / 100, OpeningBalanceDate: startDate });
    if (opening !== undefined) opened.push(account);
    ids[name] = account.Id;
  }
  // After the whole chart exists: the other side of each opening balance is Opening Balance Equity.
  for (const account of opened) postOpeningBalance(ctx, account);
  return ids;
}
