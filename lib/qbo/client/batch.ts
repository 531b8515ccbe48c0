// POST /batch: QuickBooks takes at most 30 items a request, runs them in order and answers HTTP 200 with one
// response per item, each a success or its own Fault. Longer lists go in chunks of 30, one after another.
// Each chunk carries a request id derived from its items (request-id.ts), so re-running a whole batch after
// a failed chunk replays the chunks QuickBooks already ran instead of posting them twice. Per-item request
// ids are not sent to QuickBooks (a batch has only one); items that must not repeat outside this exact
// batch still need the caller's cross-reference table.
import { z } from "zod";
import { checkEntity } from "./crud";
import { errorFromFault, FaultSchema, type AnswerMeta } from "./parse-fault";
import { CLIENT_ERROR_CODES, QboError, invalidArgument } from "./qbo-error";
import { readQueryResponse, rowsAs } from "./query";
import { batchRequestId, checkRequestId } from "./request-id";
import { DeletedSchema, ENTITY_SCHEMAS, QueryRowSchema } from "./schemas";
import { expectShape, type Transport } from "./transport";
import type { BatchItem, BatchOperationItem, BatchRecord, BatchResult } from "./types";

export const MAX_BATCH_ITEMS = 30;

const OPERATIONS = new Set(["create", "update", "delete", "void"]);

const BatchAnswerSchema = z.looseObject({
  BatchItemResponse: z.array(
    z.looseObject({ bId: z.union([z.string(), z.number()]).transform(String), Fault: FaultSchema.optional(), QueryResponse: z.unknown().optional() }),
  ),
});
type ItemResponse = z.infer<typeof BatchAnswerSchema>["BatchItemResponse"][number];

function isQuery(item: BatchItem): item is { bId: string; query: string } {
  return "query" in item;
}

function checkItems(items: BatchItem[]): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (typeof item.bId !== "string" || item.bId === "") throw invalidArgument("Every batch item needs a bId", "bId");
    // Results are matched by bId across all chunks, so one bId may appear only once in the whole list.
    if (seen.has(item.bId)) throw invalidArgument(`bId ${item.bId} appears more than once in the batch`, "bId");
    seen.add(item.bId);
    if (isQuery(item)) {
      if (typeof item.query !== "string" || item.query.trim() === "") throw invalidArgument(`Batch item ${item.bId} has an empty query`, "query");
      continue;
    }
    checkEntity(item.entity);
    if (!OPERATIONS.has(item.operation)) throw invalidArgument(`Batch item ${item.bId} has an unknown operation`, "operation");
    checkRequestId(item.requestId);
  }
}

function requestItem(item: BatchItem): Record<string, unknown> {
  if (isQuery(item)) return { bId: item.bId, Query: item.query };
  const body = item.operation === "update" ? { ...item.body, sparse: true } : item.body;
  return { bId: item.bId, operation: item.operation, [item.entity]: body };
}

function failed(bId: string, error: unknown): BatchResult {
  if (error instanceof QboError) return { bId, ok: false, error };
  throw error;
}

function operationResult(item: BatchOperationItem, response: ItemResponse, meta: AnswerMeta): BatchResult {
  const schema = item.operation === "delete" ? DeletedSchema : ENTITY_SCHEMAS[item.entity];
  const record = expectShape(schema, { json: response[item.entity], meta }, `batch item ${item.bId}`) as BatchRecord;
  return { bId: item.bId, ok: true, entity: item.entity, record };
}

function itemResult(item: BatchItem, response: ItemResponse | undefined, meta: AnswerMeta): BatchResult {
  if (!response) {
    const error = new QboError({
      code: CLIENT_ERROR_CODES.unexpectedResponse,
      type: "UnknownFault",
      message: `QuickBooks' batch answer has no response for bId ${item.bId}`,
      status: meta.status,
      intuitTid: meta.intuitTid,
      retryable: false,
    });
    return { bId: item.bId, ok: false, error };
  }
  if (response.Fault) return { bId: item.bId, ok: false, error: errorFromFault(response.Fault, meta) };
  try {
    if (!isQuery(item)) return operationResult(item, response, meta);
    const page = readQueryResponse(response.QueryResponse ?? {}, meta);
    return { bId: item.bId, ok: true, queryResponse: { ...page, rows: rowsAs(QueryRowSchema, page.rows, meta, `batch query ${item.bId}`) } };
  } catch (error) {
    // One odd item answer must not hide the results of the items QuickBooks did run.
    return failed(item.bId, error);
  }
}

export async function runBatch(transport: Transport, items: BatchItem[]): Promise<Map<string, BatchResult>> {
  checkItems(items);
  const results = new Map<string, BatchResult>();
  for (let start = 0; start < items.length; start += MAX_BATCH_ITEMS) {
    const chunk = items.slice(start, start + MAX_BATCH_ITEMS);
    const requestId = batchRequestId(chunk.map((item) => (isQuery(item) ? { bId: item.bId, query: item.query } : { bId: item.bId, requestId: item.requestId })));
    const answer = await transport.send({ method: "POST", path: "/batch", body: { BatchItemRequest: chunk.map(requestItem) }, kind: "write", requestId });
    const parsed = expectShape(BatchAnswerSchema, answer, "a batch");
    const byBId = new Map(parsed.BatchItemResponse.map((response) => [response.bId, response]));
    for (const item of chunk) results.set(item.bId, itemResult(item, byBId.get(item.bId), answer.meta));
  }
  return results;
}
