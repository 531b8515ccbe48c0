// The rules' door to the general ledger (books/): transactions repost on every write, void and delete.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { repostTransaction } from "../books/ledger";

export { refreshAccountTotals } from "../books/ledger";

/** After a write: the previous version's lines are replaced by the new version's. */
export function repost(ctx: RealmContext, entity: string, saved: EntityRecord | undefined, previous: EntityRecord | undefined): void {
  repostTransaction(ctx, entity, saved, previous);
}
