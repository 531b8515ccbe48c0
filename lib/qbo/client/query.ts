// GET /query?query=… : one page, every page, or a count. QuickBooks pages with STARTPOSITION (1-based) and
// MAXRESULTS (at most 1000) and reports only the rows it returned, so "last page" means a short page.
import { z } from "zod";
import { checkEntity } from "./crud";
import type { AnswerMeta } from "./parse-fault";
import { invalidArgument } from "./qbo-error";
import { ENTITY_SCHEMAS, QueryResponseSchema, QueryRowSchema, type EntityOf, type QboEntityName } from "./schemas";
import { expectShape, unexpected, type Transport } from "./transport";
import type { QueryAllOptions, QueryPage } from "./types";

export const MAX_PAGE_SIZE = 1000;
/** Longer statements (long `Id IN (...)` lists) go in a POST body: some proxies refuse URLs past about 2 KB. */
const MAX_STATEMENT_IN_URL = 1_500;

const QueryAnswerSchema = z.looseObject({ QueryResponse: QueryResponseSchema });

/** A string literal for a WHERE clause: QuickBooks escapes quotes (and so backslashes) with a backslash. */
export function qboString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

type RawPage = { entity: string | null; rows: unknown[]; startPosition: number; maxResults: number; totalCount?: number };

/** Splits a QueryResponse (of a query answer or a batch item) into its entity's rows and the counters. */
export function readQueryResponse(value: unknown, meta: AnswerMeta): RawPage {
  const parsed = QueryResponseSchema.safeParse(value);
  if (!parsed.success) return unexpected("QuickBooks answered a query in an unexpected shape", "QueryResponse", meta);
  const response = parsed.data;
  const arrays = Object.entries(response).filter(([, v]) => Array.isArray(v));
  if (arrays.length > 1) return unexpected("QuickBooks answered a query with more than one entity", arrays.map(([k]) => k).join(", "), meta);
  const [entity, rows] = arrays[0] ?? [null, []];
  return {
    entity,
    rows: rows as unknown[],
    startPosition: response.startPosition ?? 1,
    maxResults: response.maxResults ?? (rows as unknown[]).length,
    ...(response.totalCount === undefined ? {} : { totalCount: response.totalCount }),
  };
}

export function rowsAs<S extends z.ZodType>(schema: S, rows: unknown[], meta: AnswerMeta, what: string): z.infer<S>[] {
  return expectShape(z.array(schema), { json: rows, meta }, what);
}

async function run(transport: Transport, statement: string): Promise<{ page: RawPage; meta: AnswerMeta }> {
  if (typeof statement !== "string" || statement.trim() === "") throw invalidArgument("A query needs a statement", "query");
  const answer =
    statement.length > MAX_STATEMENT_IN_URL
      ? await transport.send({ method: "POST", path: "/query", textBody: statement, kind: "read" })
      : await transport.send({ method: "GET", path: "/query", params: { query: statement }, kind: "read" });
  const parsed = expectShape(QueryAnswerSchema, answer, "a query");
  return { page: readQueryResponse(parsed.QueryResponse, answer.meta), meta: answer.meta };
}

export async function queryOnce(transport: Transport, statement: string): Promise<QueryPage> {
  const { page, meta } = await run(transport, statement);
  return { ...page, rows: rowsAs(QueryRowSchema, page.rows, meta, "query rows") };
}

function checkPageSize(pageSize: number): number {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw invalidArgument(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`, "pageSize");
  }
  return pageSize;
}

export async function* queryPages<E extends QboEntityName>(transport: Transport, entity: E, options: QueryAllOptions = {}): AsyncGenerator<EntityOf<E>[], void, undefined> {
  checkEntity(entity);
  const pageSize = checkPageSize(options.pageSize ?? MAX_PAGE_SIZE);
  const where = options.where ? ` WHERE ${options.where}` : "";
  const orderBy = ` ORDERBY ${options.orderBy ?? "Id"}`;
  let start = 1;
  for (;;) {
    const { page, meta } = await run(transport, `SELECT * FROM ${entity}${where}${orderBy} STARTPOSITION ${start} MAXRESULTS ${pageSize}`);
    if (page.entity !== null && page.entity !== entity) unexpected(`QuickBooks answered a ${entity} query with ${page.entity} rows`, page.entity, meta);
    const rows = rowsAs(ENTITY_SCHEMAS[entity], page.rows, meta, `${entity} rows`) as EntityOf<E>[];
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    start += rows.length;
  }
}

export async function queryAll<E extends QboEntityName>(transport: Transport, entity: E, options: QueryAllOptions = {}): Promise<EntityOf<E>[]> {
  const all: EntityOf<E>[] = [];
  for await (const rows of queryPages(transport, entity, options)) all.push(...rows);
  return all;
}

export async function countEntity(transport: Transport, entity: QboEntityName, where?: string): Promise<number> {
  checkEntity(entity);
  const { page, meta } = await run(transport, `SELECT COUNT(*) FROM ${entity}${where ? ` WHERE ${where}` : ""}`);
  if (page.totalCount === undefined) return unexpected(`QuickBooks answered a ${entity} count without totalCount`, "totalCount", meta);
  return page.totalCount;
}
