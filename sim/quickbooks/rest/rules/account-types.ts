// QuickBooks' account types: each has a Classification, a default sub-type, and the sub-types a US company
// offers for it. Lets an Account be created from AccountType alone, AccountSubType alone, or both.

export type AccountTypeInfo = { classification: string; defaultSubType: string; subTypes: readonly string[] };

export const ACCOUNT_TYPES: Record<string, AccountTypeInfo> = {
  Bank: {
    classification: "Asset",
    defaultSubType: "Checking",
    subTypes: ["Checking", "Savings", "MoneyMarket", "CashOnHand", "RentsHeldInTrust", "TrustAccounts", "OtherEarmarkedBankAccounts"],
  },
  "Other Current Asset": {
    classification: "Asset",
    defaultSubType: "OtherCurrentAssets",
    subTypes: [
      "UndepositedFunds",
      "Inventory",
      "AllowanceForBadDebts",
      "DevelopmentCosts",
      "EmployeeCashAdvances",
      "OtherCurrentAssets",
      "PrepaidExpenses",
      "Retainage",
      "LoansToOfficers",
      "LoansToOthers",
      "LoansToStockholders",
      "InvestmentMortgageRealEstateLoans",
      "InvestmentTaxExemptSecurities",
      "InvestmentUSGovernmentObligations",
      "InvestmentOther",
    ],
  },
  "Fixed Asset": {
    classification: "Asset",
    defaultSubType: "MachineryAndEquipment",
    subTypes: [
      "AccumulatedDepletion",
      "AccumulatedDepreciation",
      "DepletableAssets",
      "FixedAssetComputers",
      "FurnitureAndFixtures",
      "Land",
      "LeaseholdImprovements",
      "MachineryAndEquipment",
      "OtherFixedAssets",
      "Vehicles",
      "Buildings",
      "AccumulatedAmortization",
    ],
  },
  "Other Asset": {
    classification: "Asset",
    defaultSubType: "OtherLongTermAssets",
    subTypes: ["LeaseBuyout", "OtherLongTermAssets", "SecurityDeposits", "AccumulatedAmortizationOfOtherAssets", "Goodwill", "Licenses", "OrganizationalCosts"],
  },
  "Accounts Receivable": { classification: "Asset", defaultSubType: "AccountsReceivable", subTypes: ["AccountsReceivable"] },
  Equity: {
    classification: "Equity",
    defaultSubType: "OwnersEquity",
    subTypes: [
      "OpeningBalanceEquity",
      "PartnersEquity",
      "RetainedEarnings",
      "AccumulatedAdjustment",
      "OwnersEquity",
      "PaidInCapitalOrSurplus",
      "PartnerContributions",
      "PartnerDistributions",
      "PreferredStock",
      "CommonStock",
      "TreasuryStock",
      "EstimatedTaxes",
      "Healthcare",
      "PersonalIncome",
      "PersonalExpense",
    ],
  },
  Expense: {
    classification: "Expense",
    defaultSubType: "OtherMiscellaneousServiceCost",
    subTypes: [
      "AdvertisingPromotional",
      "BadDebts",
      "BankCharges",
      "CharitableContributions",
      "CommissionsAndFees",
      "Entertainment",
      "EntertainmentMeals",
      "EquipmentRental",
      "FinanceCosts",
      "GlobalTaxExpense",
      "Insurance",
      "InterestPaid",
      "LegalProfessionalFees",
      "OfficeExpenses",
      "OfficeGeneralAdministrativeExpenses",
      "OtherBusinessExpenses",
      "OtherMiscellaneousServiceCost",
      "PromotionalMeals",
      "RentOrLeaseOfBuildings",
      "RepairMaintenance",
      "ShippingFreightDelivery",
      "SuppliesMaterials",
      "Travel",
      "TravelMeals",
      "Utilities",
      "Auto",
      "CostOfLabor",
      "DuesSubscriptions",
      "PayrollExpenses",
      "TaxesPaid",
      "UnappliedCashBillPaymentExpense",
    ],
  },
  "Other Expense": {
    classification: "Expense",
    defaultSubType: "OtherMiscellaneousExpense",
    subTypes: ["Depreciation", "ExchangeGainOrLoss", "OtherMiscellaneousExpense", "PenaltiesSettlements", "Amortization", "GasAndFuel", "HomeOffice", "HomeOwnerRentalInsurance", "OtherHomeOfficeExpenses", "MortgageInterest", "RentAndLease", "RepairsAndMaintenance", "ParkingAndTolls", "Vehicle", "VehicleInsurance", "VehicleLease", "VehicleLoanInterest", "VehicleLoan", "VehicleRegistration", "VehicleRepairs", "OtherVehicleExpenses", "Utilities", "WashAndRoadServices"],
  },
  "Cost of Goods Sold": {
    classification: "Expense",
    defaultSubType: "SuppliesMaterialsCogs",
    subTypes: ["EquipmentRentalCos", "OtherCostsOfServiceCos", "ShippingFreightDeliveryCos", "SuppliesMaterialsCogs", "CostOfLaborCos"],
  },
  "Accounts Payable": { classification: "Liability", defaultSubType: "AccountsPayable", subTypes: ["AccountsPayable"] },
  "Credit Card": { classification: "Liability", defaultSubType: "CreditCard", subTypes: ["CreditCard"] },
  "Long Term Liability": {
    classification: "Liability",
    defaultSubType: "OtherLongTermLiabilities",
    subTypes: ["NotesPayable", "OtherLongTermLiabilities", "ShareholderNotesPayable"],
  },
  "Other Current Liability": {
    classification: "Liability",
    defaultSubType: "OtherCurrentLiabilities",
    subTypes: [
      "DirectDepositPayable",
      "LineOfCredit",
      "LoanPayable",
      "GlobalTaxPayable",
      "GlobalTaxSuspense",
      "OtherCurrentLiabilities",
      "PayrollClearing",
      "PayrollTaxPayable",
      "PrepaidExpensesPayable",
      "RentsInTrustLiability",
      "TrustAccountsLiabilities",
      "FederalIncomeTaxPayable",
      "InsurancePayable",
      "SalesTaxPayable",
      "StateLocalIncomeTaxPayable",
    ],
  },
  Income: {
    classification: "Revenue",
    defaultSubType: "ServiceFeeIncome",
    subTypes: ["NonProfitIncome", "OtherPrimaryIncome", "SalesOfProductIncome", "ServiceFeeIncome", "DiscountsRefundsGiven", "UnappliedCashPaymentIncome", "CashReceiptIncome"],
  },
  "Other Income": {
    classification: "Revenue",
    defaultSubType: "OtherMiscellaneousIncome",
    subTypes: ["DividendIncome", "InterestEarned", "OtherInvestmentIncome", "OtherMiscellaneousIncome", "TaxExemptInterest", "GainLossOnSaleOfFixedAssets", "GainLossOnSaleOfInvestments", "LossOnDisposalOfAssets"],
  },
};

/** The table entry for a type; undefined for anything else (including names inherited from Object). */
export function accountTypeInfo(accountType: string): AccountTypeInfo | undefined {
  return Object.hasOwn(ACCOUNT_TYPES, accountType) ? ACCOUNT_TYPES[accountType] : undefined;
}

/** The account type a sub-type belongs to (the first one listing it). */
export function typeOfSubType(subType: string): string | undefined {
  return Object.entries(ACCOUNT_TYPES).find(([, info]) => info.subTypes.includes(subType))?.[0];
}

/** Balance-sheet accounts carry a running CurrentBalance; income and expense accounts stay at 0. */
export function isBalanceSheet(accountType: string): boolean {
  const classification = accountTypeInfo(accountType)?.classification;
  return classification === "Asset" || classification === "Liability" || classification === "Equity";
}
