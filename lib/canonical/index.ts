export * from "./schema";
export { canonicalKey } from "./key";
export { allocateMinorUnits, formatMinorUnits, toMinorUnits } from "./money";
export { currencyExponent } from "./currencies";
export { ignored, normalised, type Normalised } from "./normalised";
