// PostgreSQL connections for the schema engine stand-in (schema-engine.mjs): @prisma/adapter-pg adapters, with
// what the wasm engine needs on top. See README.md beside this file.
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// The wasm engine wants the adapter factory "bound" (every method returns a Result object). The binder lives in
// @prisma/driver-adapter-utils, a dependency of @prisma/adapter-pg: load it from there, so it is the version the
// adapter was built with and no extra dependency of ours.
const { bindMigrationAwareSqlAdapterFactory } = createRequire(import.meta.resolve("@prisma/adapter-pg"))(
  "@prisma/driver-adapter-utils",
);

// The engine's schema describer reads Postgres' internal one-byte `"char"` columns (OID 18) from pg_catalog,
// which @prisma/adapter-pg refuses ("Column type 'char' could not be deserialized"). A pg.Client subclass
// relabels them as text before the adapter sees them and remembers which they were; patchCharColumns() then
// reports them with the driver-adapter Character type the engine expects.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils
const charColumns = new WeakMap(); // rows array of a result -> indexes of its "char" columns

function relabelCharColumns(result) {
  for (const res of [result].flat()) {
    const indexes = (res?.fields ?? []).flatMap((field, i) => (field.dataTypeID === PG_CHAR_OID ? [i] : []));
    for (const i of indexes) res.fields[i].dataTypeID = PG_TEXT_OID;
    if (indexes.length > 0) charColumns.set(res.rows, indexes);
  }
  return result;
}

class CharAwareClient extends pg.Client {
  query(config, values, callback) {
    if (typeof values === "function") [values, callback] = [undefined, values];
    if (callback) return super.query(config, values, (err, res) => callback(err, res && relabelCharColumns(res)));
    const ret = super.query(config, values);
    return typeof ret?.then === "function" ? ret.then(relabelCharColumns) : ret;
  }
}

function patchCharColumns(queryable) {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query); // the adapter hands back pg's own rows array
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    return result;
  };
  return queryable;
}

// @prisma/adapter-pg's executeScript splits a script on every ";", which cuts apart function bodies ($$ … $$)
// and comments that contain one. The native engine sends a migration as one script, which PostgreSQL's simple
// query protocol runs statement by statement; do the same, so migrations behave as they will with stock Prisma.
function sendScriptsWhole(adapter) {
  adapter.executeScript = async (script) => {
    try {
      await adapter.client.query(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
}

// pg lets a connection string override a separate `database` option, so reach another database on the same
// server (a shadow database, the maintenance database) by rewriting the URL.
export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.href;
}

export const databaseName = (url) => decodeURIComponent(new URL(url).pathname.slice(1));
export const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

/** A @prisma/adapter-pg connection to `url`; `opened`, when given, collects it for disposal at exit. */
export async function openAdapter(url, opened) {
  if (!url) throw new Error("The schema engine got no datasource URL (datasource.url in prisma.config.ts).");
  const schema = new URL(url).searchParams.get("schema") ?? undefined;
  const adapter = await new PrismaPg({ connectionString: url, Client: CharAwareClient }, { schema }).connect();
  const dispose = adapter.dispose.bind(adapter);
  let disposed;
  adapter.dispose = () => (disposed ??= dispose()); // pg.Pool#end() throws when called twice
  patchCharColumns(adapter);
  sendScriptsWhole(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => patchCharColumns(await startTransaction(...args));
  opened?.push(adapter);
  return adapter;
}

/** The "migration-aware" adapter factory the wasm engine connects through, for `--datasource`, bound. */
export function adapterFactory(datasource, opened) {
  return bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => openAdapter(datasource.url, opened),
    async connectToShadowDb() {
      if (datasource.shadowDatabaseUrl) {
        // A configured shadow database: the native engine empties it before use; the wasm one does not, and
        // connects to it several times per command.
        const shadow = await openAdapter(datasource.shadowDatabaseUrl, opened);
        const schema = quoteIdent(new URL(datasource.shadowDatabaseUrl).searchParams.get("schema") ?? "public");
        await shadow.executeScript(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
        return shadow;
      }
      // As the native engine does: a throwaway database on the same server, dropped when the engine is done.
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      const main = await openAdapter(datasource.url);
      await main.executeScript(`CREATE DATABASE ${quoteIdent(name)}`);
      const shadow = await openAdapter(withDatabase(datasource.url, name), opened);
      const dispose = shadow.dispose;
      let dropped;
      shadow.dispose = () =>
        (dropped ??= dispose()
          .then(() => main.executeScript(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`))
          .finally(() => main.dispose()));
      return shadow;
    },
  });
}

// Connection failures as the native engine reports them. The CLI acts on the code: on P1003 it creates the
// database. Keys are @prisma/adapter-pg's error kinds.
const CONNECTION_ERRORS = {
  DatabaseDoesNotExist: [
    "P1003",
    ({ db, server }) => `Database \`${db}\` does not exist on the database server at \`${server}\`.`,
  ],
  AuthenticationFailed: [
    "P1000",
    ({ server, user }) =>
      `Authentication failed against database server at \`${server}\`, ` +
      `the provided database credentials for \`${user}\` are not valid.`,
  ],
  DatabaseNotReachable: ["P1001", ({ server }) => `Can't reach database server at \`${server}\``],
  SocketTimeout: ["P1001", ({ server }) => `Can't reach database server at \`${server}\``],
  DatabaseAccessDenied: ["P1010", ({ db, user }) => `User \`${user}\` was denied access on the database \`${db}\``],
  DatabaseAlreadyExists: [
    "P1009",
    ({ db, server }) => `Database \`${db}\` already exists on the database server at \`${server}\`.`,
  ],
};

/** Runs `sql` on `url`. Connection failures become errors with Prisma's codes, worded about `target`. */
export async function runSql(url, sql, target = url) {
  const adapter = await openAdapter(url);
  try {
    await adapter.executeScript(sql);
  } catch (error) {
    const [code, describe] = CONNECTION_ERRORS[error.cause?.kind] ?? [];
    const u = new URL(target);
    const server = `${u.hostname}:${u.port || 5432}`;
    const at = { db: databaseName(target), user: decodeURIComponent(u.username), server };
    throw Object.assign(new Error(describe?.(at) ?? error.cause?.originalMessage ?? error.message), { code });
  } finally {
    await adapter.dispose();
  }
}
