import { AppError } from "../errors/app-error";
import { QboError } from "../qbo/client";
import { QboConnectionUnavailableError } from "../qbo/token-manager";

/** A QuickBooks call that failed, as the one error type: a sentence a person can act on, the fault's code kept. */
export function qboFailure(error: unknown, doing: string): never {
  if (error instanceof QboConnectionUnavailableError) {
    throw new AppError("CONFLICT", `QuickBooks needs to be reconnected before Ledgerwire can ${doing}: an owner or admin can do that on the Connections page.`, { reason: "QBO_RECONNECT" });
  }
  if (error instanceof QboError) {
    throw new AppError("UNAVAILABLE", `QuickBooks refused to ${doing}: ${error.message}`, { qboCode: error.code, intuitTid: error.intuitTid ?? undefined });
  }
  throw error;
}
