// CompanyInfo and Preferences (both Id "1"), shaped like a new US sandbox company's.
import { qboDate } from "../clock";
import type { RealmContext } from "../rest/context";
import { put } from "./put";
import { SALES_TAX_CODE_ID } from "./lists";
import { taxModelOf } from "./tax-models";

export function seedCompanyInfo(ctx: RealmContext, startDate: string): void {
  const { realm } = ctx;
  const addr = { Id: "1", Line1: "123 Sierra Way", City: "San Pablo", CountrySubDivisionCode: "CA", PostalCode: "87999", Country: realm.country };
  put(
    ctx,
    "CompanyInfo",
    {
      CompanyName: realm.companyName,
      LegalName: realm.companyName,
      CompanyAddr: addr,
      CustomerCommunicationAddr: addr,
      LegalAddr: addr,
      CustomerCommunicationEmailAddr: { Address: "noreply@quickbooks.example" },
      PrimaryPhone: {},
      CompanyStartDate: startDate,
      FiscalYearStartMonth: "January",
      Country: realm.country,
      Email: { Address: "noreply@quickbooks.example" },
      WebAddr: {},
      SupportedLanguages: "en",
      NameValue: [
        { Name: "NeoEnabled", Value: "true" },
        { Name: "IndustryType", Value: "Retail Trade" },
        { Name: "IndustryCode", Value: "4539" },
        { Name: "CompanyType", Value: "Other" },
        { Name: "SubscriptionStatus", Value: "SUBSCRIBED" },
        { Name: "OfferingSku", Value: "QuickBooks Online Plus" },
        { Name: "PayrollFeature", Value: "false" },
        { Name: "AccountantFeature", Value: "false" },
        { Name: "IsQbdtMigrated", Value: "false" },
        { Name: "ItemCategoriesFeature", Value: "false" },
        { Name: "AssignedTime", Value: `${startDate}T00:00:00-08:00` },
      ],
    },
    "1",
  );
}

export function seedPreferences(ctx: RealmContext, discountAccountId: string | undefined): void {
  const { realm } = ctx;
  const message = (subject: string, text: string) => ({ Subject: `${subject} from ${realm.companyName}`, Message: text });
  put(
    ctx,
    "Preferences",
    {
      AccountingInfoPrefs: {
        FirstMonthOfFiscalYear: "January",
        UseAccountNumbers: false,
        TaxYearMonth: "January",
        ClassTrackingPerTxn: false,
        ClassTrackingPerTxnLine: true,
        TrackDepartments: true,
        DepartmentTerminology: "Location",
        CustomerTerminology: "Customers",
      },
      ProductAndServicesPrefs: { ForSales: true, ForPurchase: true, QuantityWithPriceAndRate: true, QuantityOnHand: true },
      SalesFormsPrefs: {
        CustomField: [],
        CustomTxnNumbers: false,
        AllowDeposit: false,
        AllowDiscount: true,
        ...(discountAccountId ? { DefaultDiscountAccount: discountAccountId } : {}),
        AllowEstimates: true,
        ETransactionEnabledStatus: "NotApplicable",
        ETransactionAttachPDF: false,
        ETransactionPaymentEnabled: false,
        IPNSupportEnabled: false,
        AllowServiceDate: false,
        AllowShipping: false,
        UsingPriceLevels: false,
        UsingProgressInvoicing: false,
        AutoApplyCredit: true,
        AutoApplyPayments: true,
        EmailCopyToCompany: false,
        DefaultCustomerMessage: "Thank you for your business and have a great day!",
      },
      EmailMessagesPrefs: {
        InvoiceMessage: message("Invoice", "Your invoice is attached. Please remit payment at your earliest convenience."),
        EstimateMessage: message("Estimate", "Please review the estimate below. Feel free to contact us if you have any questions."),
        SalesReceiptMessage: message("Sales Receipt", "Your sales receipt is attached."),
        StatementMessage: message("Statement", "Your statement is attached."),
      },
      VendorAndPurchasesPrefs: { TrackingByCustomer: true, BillableExpenseTracking: true, POCustomField: [] },
      TimeTrackingPrefs: { UseServices: true, BillCustomers: true, ShowBillRateToAll: false, WorkWeekStartDate: "Monday", MarkTimeEntriesBillable: true },
      // Only the US company has a company-wide sales tax code; elsewhere every line names its own code.
      TaxPrefs: taxModelOf(realm.country) ? { UsingSalesTax: true } : { UsingSalesTax: true, PartnerTaxEnabled: true, TaxGroupCodeRef: { value: SALES_TAX_CODE_ID } },
      CurrencyPrefs: { MultiCurrencyEnabled: realm.multicurrency, HomeCurrency: { value: realm.currency } },
      ReportPrefs: { ReportBasis: "Accrual", CalcAgingReportFromTxnDate: false },
      OtherPrefs: {
        NameValue: [
          { Name: "SalesFormsPrefs.DefaultCustomerMessage", Value: "Thank you for your business and have a great day!" },
          { Name: "SalesFormsPrefs.DefaultItem", Value: "1" },
          { Name: "DTXCopyMemo", Value: "false" },
          { Name: "UncategorizedAssetAccountId", Value: "" },
          { Name: "WarnDuplicateCheckNumber", Value: "true" },
          { Name: "WarnDuplicateBillNumber", Value: "false" },
        ],
      },
    },
    "1",
  );
}

/** The company's start date: the day it was created, in its own time zone. */
export function startDateOf(ctx: RealmContext): string {
  return qboDate(ctx.realm.createdAt, ctx.realm.offsetMinutes);
}
