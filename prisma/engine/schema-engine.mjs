#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, used through PRISMA_SCHEMA_ENGINE_BINARY when that
// binary is absent (@prisma/engines downloads it on install, which fails without the internet). It speaks the
// binary's command-line protocol and hands the work to the WebAssembly build of the same engine
// (@prisma/schema-engine-wasm), which reaches Postgres through @prisma/adapter-pg. See README.md beside this
// file. It leans on internals of all three packages: re-test it on every Prisma upgrade.
//
// The protocol, as the prisma CLI uses it:
//   --version                                   print one line and exit
//   --datasource '{"url":…}' cli <command>      one-shot can-connect-to-database | create-database |
//                                               drop-database: exit 0, or 1 with JSON log lines on stderr
//   [--datamodels <file>]… --datasource '{"url":…,"shadowDatabaseUrl":…}'
//                                               JSON-RPC 2.0 server, one JSON object per line on stdin/stdout,
//                                               until stdin closes

import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import * as wasm from "@prisma/schema-engine-wasm/schema_engine_bg";
import { adapterFactory, databaseName, quoteIdent, runSql, withDatabase } from "./postgres.mjs";

// ------------------------------------------------------------------------------------------------ arguments
const datamodelPaths = [];
let datasource = {};
let cliCommand;
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i];
  if (arg === "--version" || arg === "-V") cliCommand = "version";
  else if (arg === "--datamodels") datamodelPaths.push(process.argv[++i]);
  else if (arg === "--datasource") datasource = JSON.parse(process.argv[++i]);
  else if (arg === "cli") cliCommand = process.argv[++i];
  // --enabled-preview-features, --extension-types: the wasm engine reads them from the schema itself.
  else if (arg.startsWith("--")) i++;
}

// ------------------------------------------------------------------------------------------------ wasm
// The package's entry point does `import "./schema_engine_bg.wasm"`, which Node only allows behind
// --experimental-wasm-modules, so instantiate the module by hand.
globalThis.PRISMA_WASM_PANIC_REGISTRY = { message: "", set_message(m) { this.message = m; } };
const wasmFile = new URL(import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm"));
const { exports: wasmExports } = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmFile)), {
  "./schema_engine_bg.js": wasm,
});
wasm.__wbg_set_wasm(wasmExports);
wasmExports.__wbindgen_start();

// ------------------------------------------------------------------------------------------------ cli mode
function logError(message, errorCode, isPanic = false) {
  const fields = { is_panic: isPanic, error_code: errorCode, message };
  process.stderr.write(`${JSON.stringify({ level: "ERROR", fields, target: "schema_engine::logger" })}\n`);
}

async function runCli(command) {
  if (command === "version") {
    console.log(`schema-engine-cli ${wasm.version()} (wasm)`);
    return 0;
  }
  // The CLI skips the first stderr line (the native binary's start-up log) and parses the rest as JSON.
  const fields = { message: "Starting schema engine CLI (wasm)" };
  process.stderr.write(`${JSON.stringify({ level: "INFO", fields, target: "schema_engine::logger" })}\n`);
  try {
    // CREATE and DROP DATABASE run on the server's maintenance database.
    const name = quoteIdent(databaseName(datasource.url ?? ""));
    const onMaintenanceDb = (sql) => runSql(withDatabase(datasource.url, "postgres"), sql, datasource.url);
    if (command === "can-connect-to-database") await runSql(datasource.url, "SELECT 1");
    else if (command === "create-database") await onMaintenanceDb(`CREATE DATABASE ${name}`);
    else if (command === "drop-database") await onMaintenanceDb(`DROP DATABASE IF EXISTS ${name}`);
    else throw new Error(`Unknown cli command: ${command}`);
    return 0;
  } catch (error) {
    logError(error.message, error.code);
    return 1;
  }
}

// ------------------------------------------------------------------------------------------------ server mode
/** Starts the wasm engine; `close()` frees it and disposes every connection it opened. */
async function startEngine() {
  // No --datamodels (`migrate diff`) must be `undefined`: an empty list makes the engine panic on start.
  const datamodels = datamodelPaths.length > 0 ? datamodelPaths.map((p) => [p, readFileSync(p, "utf8")]) : undefined;
  const log = (line) => process.stderr.write(line.endsWith("\n") ? line : `${line}\n`);
  const opened = [];
  const factory = adapterFactory(datasource, opened);
  const engine = await wasm.SchemaEngine.new({ datamodels }, log, factory).catch((e) => {
    throw unwrapJsError(e, factory);
  });
  const close = async () => {
    try {
      engine.free();
    } catch {
      // After a panic the wasm state is unusable, freeing included; the process exits next anyway.
    }
    await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
  };
  return { engine, factory, close };
}

/** Errors thrown in JavaScript (adapter, pg) reach us from the engine as "External error id#N". */
function unwrapJsError(error, factory) {
  const id = /External error id#(\d+)/.exec(error.message)?.[1];
  const original = id && factory.errorRegistry.consumeError(Number(id))?.error;
  if (original) error.message = original.message ?? String(original);
  return error;
}

const send = (message) => process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);

// One engine for the whole session, as with the native binary: requests rely on state earlier ones left.
let current;

/** Each request's method is the wasm SchemaEngine method of the same name. */
async function callEngine(engine, method, params) {
  if (method === "getDatabaseVersion") return engine.version(params);
  if (typeof engine[method] !== "function" || method === "free") {
    throw Object.assign(new Error(`Unknown method ${method}`), { rpcCode: -32601 });
  }
  if (method === "evaluateDataLoss" || method === "createMigration") {
    // In the wasm build these two take the schema the migrations produce from a cache and cannot fill it
    // themselves ("PostgreSQL shadow DB must be provided through an external factory"). The CLI's devDiagnostic
    // usually fills it, but not when it found the database behind and applyMigrations followed (an existing
    // project on a fresh database). Fill it here; with a warm cache this is cheap.
    const { migrationsList, filters } = params;
    await engine.diagnoseMigrationHistory({ migrationsList, filters, optInToShadowDatabase: true });
  }
  return engine[method](params);
}

async function handleRequest({ id, method, params }) {
  try {
    current ??= await startEngine();
    const { engine, factory } = current;
    const result = await callEngine(engine, method, params).catch((e) => {
      throw unwrapJsError(e, factory);
    });
    // The native engine has the CLI print `migrate diff` output, through a request of its own.
    if (method === "diff" && result?.stdout) {
      send({ id: `print-${id}`, method: "print", params: { content: result.stdout } });
      result.stdout = null;
    }
    // Methods returning nothing: Rust's `()` is null for these two, the others answer `{}`.
    send({ id, result: result ?? (method === "dbExecute" || method === "reset" ? null : {}) });
  } catch (error) {
    const isPanic = error instanceof WebAssembly.RuntimeError;
    const message = isPanic ? globalThis.PRISMA_WASM_PANIC_REGISTRY.message || error.message : error.message;
    const data = { is_panic: isPanic, message, error_code: error.code };
    const summary = "An error happened. Check the data field for details.";
    send({ id, error: { code: error.rpcCode ?? 4466, message: summary, data } });
  }
}

function serve() {
  let queue = Promise.resolve();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (!line.trim()) return;
    const message = JSON.parse(line);
    // Only requests; the CLI's answers to our `print` requests carry no method.
    if (message.method) queue = queue.then(() => handleRequest(message));
  });
  // Close the connections before exiting: the main one holds the engine's Postgres advisory lock.
  lines.on("close", () => queue.then(() => current?.close()).then(() => process.exit(0)));
}

// A wasm panic surfaces as an uncaught RuntimeError: report it and exit as the native binary would (101).
process.on("uncaughtException", (error) => {
  const isPanic = error instanceof WebAssembly.RuntimeError;
  logError(isPanic ? globalThis.PRISMA_WASM_PANIC_REGISTRY.message || error.message : error.stack, undefined, isPanic);
  process.exit(isPanic ? 101 : 1);
});

if (cliCommand) process.exit(await runCli(cliCommand));
else serve();
