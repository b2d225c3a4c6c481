import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { loadConfig } from "../../src/config";
import { openRuntime } from "../../src/runtime";
import { firstStartTemplate, isFreshDataFolder, templatePath } from "../../src/store/first-start";
import { migrations } from "../../src/store/migrations/index";

describe("a fresh install's first start", () => {
  it("the build ships an initialised, migrated, empty database to start from", () => {
    const file = templatePath();
    assert.ok(file && existsSync(file), "npm ci (or npm run build) writes dist/pglite-template.tar.gz");
  });

  it("starts a fresh data folder from the template, up to date, holding no practice or person", async () => {
    const dir = mkdtempSync(join(tmpdir(), "safepost-first-"));
    const dataDir = join(dir, "db");
    try {
      assert.ok(firstStartTemplate(dataDir), "an empty folder starts from the template");
      const rt = await openRuntime(loadConfig({ SAFEPOST_DATA_DIR: dataDir }));
      try {
        const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
          rt.ctx.db,
        );
        assert.deepEqual(
          applied.rows.map((r) => r.name),
          Object.keys(migrations).sort(),
        );
        for (const table of ["practices", "users", "sessions", "audit_log", "outbox"] as const) {
          const n = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(
            rt.ctx.db,
          );
          assert.equal(Number(n.rows[0]?.n), 0, `${table} is empty`);
        }
      } finally {
        await rt.close();
      }
      assert.equal(isFreshDataFolder(dataDir), false);
      assert.equal(firstStartTemplate(dataDir), undefined, "an existing database is never replaced");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("never loads the template over a folder that holds anything", () => {
    const dir = mkdtempSync(join(tmpdir(), "safepost-first-"));
    try {
      writeFileSync(join(dir, "PG_VERSION"), "17");
      assert.equal(firstStartTemplate(dir), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
