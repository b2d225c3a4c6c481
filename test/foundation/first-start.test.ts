import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { loadConfig } from "../../src/config";
import { NotADataFolder, openRuntime } from "../../src/runtime";
import { CLI } from "../support/node-args";
import {
  firstStartTemplate,
  isFreshDataFolder,
  templatePath,
  unpackFirstStartTemplate,
} from "../../src/store/first-start";
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
      assert.equal(firstStartTemplate(dataDir), null, "an existing database is never replaced");
      assert.equal(statSync(dataDir).mode & 0o077, 0, "the unpacked database is readable by its owner only");
      assert.deepEqual(
        readdirSync(dir).filter((f) => f.includes("unpacking")),
        [],
        "nothing is left beside the data folder",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a start stopped while unpacking leaves no half-made database, and the next start unpacks afresh", async () => {
    const dir = mkdtempSync(join(tmpdir(), "safepost-first-"));
    const dataDir = join(dir, "db");
    try {
      // What an interrupted unpack leaves: a partial folder beside the data folder, none in its place.
      mkdirSync(`${dataDir}.unpacking`);
      writeFileSync(join(`${dataDir}.unpacking`, "PG_VERSION"), "half");
      assert.equal(await unpackFirstStartTemplate(dataDir), true);
      assert.ok(existsSync(join(dataDir, "PG_VERSION")));
      assert.notEqual(readFileSync(join(dataDir, "PG_VERSION"), "utf8"), "half");
      assert.equal(existsSync(`${dataDir}.unpacking`), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a data folder that is a disk of its own (a mount point) is unpacked into where it is", async (t) => {
    const dir = mkdtempSync(join(tmpdir(), "safepost-first-"));
    const dataDir = join(dir, "db");
    mkdirSync(dataDir);
    try {
      try {
        execFileSync("mount", ["-t", "tmpfs", "-o", "mode=0700", "tmpfs", dataDir], { stdio: "ignore" });
      } catch {
        t.skip("this machine does not let the tests mount a folder");
        return;
      }
      try {
        assert.equal(await unpackFirstStartTemplate(dataDir), true);
        assert.ok(existsSync(join(dataDir, "PG_VERSION")), "the database is in the mounted folder");
        assert.equal(existsSync(`${dataDir}.unpacking`), false, "nothing is left beside it");
      } finally {
        execFileSync("umount", [dataDir]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("never unpacks the template over a folder that holds anything", async () => {
    const dir = mkdtempSync(join(tmpdir(), "safepost-first-"));
    try {
      writeFileSync(join(dir, "PG_VERSION"), "17");
      assert.equal(firstStartTemplate(dir), null);
      assert.equal(await unpackFirstStartTemplate(dir), false);
      assert.deepEqual(readdirSync(dir), ["PG_VERSION"], "the folder is left as it was");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses, in plain words, a data folder that holds other files or is a file, and touches neither", async () => {
    const dir = mkdtempSync(join(tmpdir(), "safepost-first-"));
    try {
      const documents = join(dir, "documents");
      mkdirSync(documents);
      writeFileSync(join(documents, "rota.txt"), "the rota");
      await assert.rejects(
        openRuntime(loadConfig({ SAFEPOST_DATA_DIR: documents })),
        (err: Error) =>
          err instanceof NotADataFolder && /holds other files, not a safepost database/.test(err.message),
      );
      assert.deepEqual(readdirSync(documents), ["rota.txt"], "nothing is added to the folder");
      assert.deepEqual(readdirSync(dir).sort(), ["documents"], "no lock or half-made database beside it");

      const file = join(dir, "a-file");
      writeFileSync(file, "not a folder");
      await assert.rejects(openRuntime(loadConfig({ SAFEPOST_DATA_DIR: file })), /is a file, not a folder/);
      assert.equal(readFileSync(file, "utf8"), "not a folder");

      const cli = spawnSync(process.execPath, [...CLI, "migrate"], {
        env: { ...process.env, SAFEPOST_DATA_DIR: documents, DATABASE_URL: "" },
        encoding: "utf8",
      });
      assert.equal(cli.status, 1);
      assert.match(cli.stderr, /^safepost: the data folder .* holds other files/);
      assert.doesNotMatch(cli.stderr, /\n\s+at /, "no stack trace");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
