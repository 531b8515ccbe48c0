// Drives the real prisma CLI through prisma/engine/schema-engine.mjs on a throwaway project, the way developers
// and the test setup use it on machines without the native engine. Needs a Postgres server where it may create
// and drop databases: the test run's server (test/global-setup.ts provides it).
import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const adminUrl = inject("adminDatabaseUrl");
const repoRoot = path.resolve(import.meta.dirname, "..", "..");
const shim = path.join(import.meta.dirname, "schema-engine.mjs");
const prismaCli = path.join(repoRoot, "node_modules", ".bin", "prisma");

const CONFIG = `import { defineConfig } from "prisma/config";
export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  datasource: { url: process.env.DATABASE_URL! },
});
`;
const SCHEMA = `datasource db {
  provider = "postgresql"
}

model Widget {
  id   Int    @id @default(autoincrement())
  name String
}
`;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function query(url: string, text: string): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe(
  "prisma CLI with the wasm schema engine stand-in",
  () => {
    const suffix = `${process.pid}_${Date.now().toString(36)}`;
    const devDb = `lw_schema_engine_dev_${suffix}`;
    const deployDb = `lw_schema_engine_deploy_${suffix}`;
    let dir = "";

    async function prisma(database: string, ...args: string[]): Promise<string> {
      const env = {
        ...process.env,
        DATABASE_URL: withDatabase(adminUrl, database),
        PRISMA_SCHEMA_ENGINE_BINARY: shim,
        CHECKPOINT_DISABLE: "1",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      };
      try {
        const { stdout } = await promisify(execFile)(prismaCli, args, { cwd: dir, env });
        return stdout;
      } catch (error) {
        const { stdout, stderr } = error as { stdout?: string; stderr?: string };
        throw new Error(`prisma ${args.join(" ")} failed:\n${stdout ?? ""}\n${stderr ?? ""}`);
      }
    }

    /** Migration folder name -> its migration.sql, in name (= creation) order. */
    async function migrationSql(): Promise<Map<string, string>> {
      const migrationsDir = path.join(dir, "migrations");
      const folders = (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory());
      const names = folders.map((f) => f.name).sort();
      const sql = await Promise.all(names.map((n) => readFile(path.join(migrationsDir, n, "migration.sql"), "utf8")));
      return new Map(names.map((n, i) => [n, sql[i]!]));
    }

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), "ledgerwire-schema-engine-"));
      // The config imports "prisma/config": let it resolve from the repository's node_modules.
      await symlink(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
      await writeFile(path.join(dir, "prisma.config.ts"), CONFIG);
      await writeFile(path.join(dir, "schema.prisma"), SCHEMA);
      for (const db of [devDb, deployDb]) await query(adminUrl, `CREATE DATABASE "${db}"`);
    });

    afterAll(async () => {
      for (const db of [devDb, deployDb]) await query(adminUrl, `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("is an executable the CLI can spawn", async () => {
      await expect(access(shim, constants.X_OK)).resolves.toBeUndefined();
    });

    it("migrate dev --name init writes the first migration and applies it", async () => {
      await prisma(devDb, "migrate", "dev", "--name", "init");
      const migrations = [...(await migrationSql())];
      expect(migrations).toHaveLength(1);
      const [name, sql] = migrations[0]!;
      expect(name).toMatch(/^\d{14}_init$/);
      expect(sql).toContain('CREATE TABLE "Widget"');
    });

    it("migrate deploy applies the migrations to another fresh database", async () => {
      const out = await prisma(deployDb, "migrate", "deploy");
      expect(out).toContain("All migrations have been successfully applied.");
      const deployUrl = withDatabase(adminUrl, deployDb);
      const rows = await query(
        deployUrl,
        'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY 1',
      );
      const applied = rows.map((row) => row.migration_name);
      expect(await query(deployUrl, 'SELECT id, name FROM "Widget"')).toEqual([]);
      expect(applied).toEqual([...(await migrationSql()).keys()]);
    });

    it("migrate status reports the deployed database up to date", async () => {
      expect(await prisma(deployDb, "migrate", "status")).toContain("Database schema is up to date!");
    });

    it("migrate diff prints the SQL for a schema", async () => {
      const out = await prisma(devDb, "migrate", "diff", "--from-empty", "--to-schema", "schema.prisma", "--script");
      expect(out).toContain('CREATE TABLE "Widget"');
    });

    it("migrate dev --name add_color writes a second migration with the change", async () => {
      const changed = SCHEMA.replace("  name String\n", "  name String\n  color String?\n");
      await writeFile(path.join(dir, "schema.prisma"), changed);
      await prisma(devDb, "migrate", "dev", "--name", "add_color");
      const migrations = await migrationSql();
      expect(migrations.size).toBe(2);
      const sql = [...migrations].find(([name]) => name.endsWith("_add_color"))?.[1];
      expect(sql).toMatch(/ALTER TABLE "Widget" ADD COLUMN\s+"color" TEXT/);
    });

    it("migrate deploy runs a hand-written migration whole, semicolons in function bodies and comments included", async () => {
      // The stock driver adapter splits scripts on every ";"; the native engine does not. Triggers in our own
      // migrations (the append-only audit log) depend on the script arriving whole.
      const folder = path.join(dir, "migrations", "99990101000000_trigger");
      await mkdir(folder);
      await writeFile(
        path.join(folder, "migration.sql"),
        `-- Widgets are never renamed; names are forever.
CREATE FUNCTION "widget_no_rename"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.name <> OLD.name THEN RAISE EXCEPTION 'widgets keep their names'; END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER "Widget_no_rename" BEFORE UPDATE ON "Widget" FOR EACH ROW EXECUTE FUNCTION "widget_no_rename"();
`,
      );
      expect(await prisma(deployDb, "migrate", "deploy")).toContain("All migrations have been successfully applied.");
      const deployUrl = withDatabase(adminUrl, deployDb);
      await query(deployUrl, `INSERT INTO "Widget" (name) VALUES ('bolt')`);
      await expect(query(deployUrl, `UPDATE "Widget" SET name = 'nut'`)).rejects.toThrow(/widgets keep their names/);
    });
  },
);
