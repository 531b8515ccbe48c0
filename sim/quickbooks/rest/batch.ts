// POST /batch: up to 30 operations and queries in one request, run in order, each succeeding or failing on
// its own. The answer is HTTP 200 with one BatchItemResponse per item, keyed by its bId:
//   { "Invoice": {...}, "bId": "1" } | { "Fault": { "Error": [...], "type": "ValidationFault" }, "bId": "2" }
//   | { "QueryResponse": {...}, "bId": "3" }
// (entity or Fault first, then bId, like test-fixtures/qbo/batch/python_quickbooks_batch_response_with_duplicate_fault.json).
import type { RealmContext } from "./context";
import { applyOperation, type Operation } from "./crud";
import { entityByName } from "./entities";
import { QboFault, faults } from "./faults";
import { runQuery } from "./query";

export const MAX_BATCH_ITEMS = 30;

const OPERATIONS: readonly Operation[] = ["create", "update", "delete", "void"];
/** Keys a batch item may carry besides its entity. */
const ITEM_KEYS = new Set(["bId", "operation", "Query", "optionsData"]);

type Item = Record<string, unknown>;

/** Runs a batch request; answers `{ BatchItemResponse: [...] }` without `time` (the router adds it). */
export function runBatch(ctx: RealmContext, body: unknown): { BatchItemResponse: Record<string, unknown>[] } {
  const items = requestItems(body);
  const bIds = items.map(bIdOf);
  const seen = new Map<string, number>();
  for (const bId of bIds) seen.set(bId, (seen.get(bId) ?? 0) + 1);

  const responses = items.map((item, index) => {
    const bId = bIds[index]!;
    try {
      // Two items with one bId could not be told apart in the answer, so neither runs.
      if (seen.get(bId)! > 1) throw faults.invalidValue("bId", `bId ${bId} is used by more than one item in this batch; each item needs its own bId`);
      return { ...runItem(ctx, item), bId };
    } catch (error) {
      if (error instanceof QboFault) return { Fault: error.item(), bId };
      // A bug in an entity's rules fails its item, not the items already committed before it.
      console.error("batch item failed unexpectedly", error);
      return { Fault: faults.system().item(), bId };
    }
  });
  return { BatchItemResponse: responses };
}

/** The item list; whole-request faults (HTTP 400) for what cannot be answered item by item. */
function requestItems(body: unknown): Item[] {
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw faults.malformedBody("Expected a BatchItemRequest object");
  const list = (body as Record<string, unknown>).BatchItemRequest;
  if (!Array.isArray(list)) throw faults.requiredParam("BatchItemRequest");
  if (list.length > MAX_BATCH_ITEMS) throw faults.tooManyBatchItems(list.length);
  for (const item of list) {
    if (item === null || typeof item !== "object" || Array.isArray(item)) throw faults.malformedBody("Each BatchItemRequest entry must be an object");
    // Without a bId the item's answer could not be matched to it.
    const bId = (item as Item).bId;
    if ((typeof bId !== "string" && typeof bId !== "number") || String(bId).trim() === "") throw faults.requiredParam("bId");
  }
  return list as Item[];
}

function bIdOf(item: Item): string {
  return String(item.bId);
}

function runItem(ctx: RealmContext, item: Item): Record<string, unknown> {
  const entityKeys = Object.keys(item).filter((key) => !ITEM_KEYS.has(key));
  if (item.Query !== undefined) {
    if (entityKeys.length > 0) throw faults.malformedBody(`A batch item carries a Query or an entity, not both (${entityKeys.join(", ")})`);
    if (typeof item.Query !== "string" || item.Query.trim() === "") throw faults.invalidValue("Query", "Query must be a query statement");
    return { QueryResponse: runQuery(ctx, item.Query) };
  }

  if (entityKeys.length === 0) throw faults.requiredParam("Entity");
  if (entityKeys.length > 1) throw faults.malformedBody(`A batch item carries one entity, found ${entityKeys.join(", ")}`);
  const key = entityKeys[0]!;
  const def = entityByName(key);
  // Entity keys are JSON element names: QuickBooks reads `Invoice`, not `invoice`.
  if (!def || def.name !== key) throw faults.unknownField(key, "BatchItemRequest");

  const operation = item.operation;
  if (operation === undefined) throw faults.requiredParam("operation");
  if (typeof operation !== "string" || !OPERATIONS.includes(operation as Operation)) throw faults.operationNotSupported(String(operation));
  return { [def.name]: applyOperation(ctx, def, operation as Operation, item[key]) };
}
