import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { loadConfig } from "../../src/config";
import { openRuntime, type Runtime } from "../../src/runtime";
import { ensureDemo } from "../../src/app/demo/ensure-demo";
import { createPractice } from "../../src/app/practices/create-practice";
import { verifyAuditChain } from "../../src/app/audit/verify-audit";
import { backupBytes, restoreBackup, serveBackups, writeFileAtomically } from "../../src/app/backup/backup";
import { CLI } from "../support/node-args";

/** Runs the CLI from source (asynchronously: the server under test lives in this process). */
function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [...CLI, ...args], {
      env: { ...process.env, DATABASE_URL: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code) => done({ status: code ?? 1, stdout, stderr }));
  });
}

const counts = async (rt: Runtime) => ({
  practices: (await rt.ctx.db.selectFrom("practices").select("slug").orderBy("slug").execute()).map(
    (p) => p.slug,
  ),
  users: Number(
    (
      await rt.ctx.db
        .selectFrom("users")
        .select((e) => e.fn.countAll().as("n"))
        .executeTakeFirst()
    )?.n,
  ),
  audit: Number(
    (
      await rt.ctx.db
        .selectFrom("audit_log")
        .select((e) => e.fn.countAll().as("n"))
        .executeTakeFirst()
    )?.n,
  ),
});

describe("backup and restore of the embedded database", () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), "safepost-backup-"));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("backs up while the server runs, refuses to restore under it, and restores every record with an intact audit trail", async () => {
    const dataDir = join(root, "db");
    const env = { SAFEPOST_DATA_DIR: dataDir };
    const rt = await openRuntime(loadConfig(env));
    let stopBackups = async () => {};
    let closed = false;
    try {
      await ensureDemo(rt.ctx, "demo-password-1", () => {});
      stopBackups = await serveBackups(rt.database, dataDir);
      const before = await counts(rt);
      assert.ok(before.users >= 5 && before.audit > 0);

      const file = join(root, "first.backup");
      const backup = await cli(["backup", "--out", file], env);
      assert.equal(backup.status, 0, backup.stderr);
      assert.match(backup.stdout, /backed up the database to .*first\.backup/);
      assert.ok(existsSync(file));

      // A change after the backup, which the restore must take away again.
      await createPractice(rt.ctx.db, { slug: "after-backup", name: "After Backup Surgery" });

      const refused = await cli(["restore", file], env);
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /safepost is running on this data folder\. Stop it first/);
      assert.deepEqual((await counts(rt)).practices, [...before.practices, "after-backup"].sort());

      await stopBackups();
      await rt.close();
      closed = true;

      const restored = await cli(["restore", file], env);
      assert.equal(restored.status, 0, restored.stderr);
      assert.match(
        restored.stdout,
        /restored .*: 1 practice\(s\), \d+ people, \d+ audit entries, audit trail intact/,
      );
      assert.match(restored.stdout, /kept at .*before-restore-/);
      assert.ok(readdirSync(root).some((n) => n.startsWith("db.before-restore-")));

      const again = await openRuntime(loadConfig(env));
      try {
        assert.deepEqual(await counts(again), before);
        const trail = await verifyAuditChain(again.ctx.db);
        assert.equal(trail.ok, true);
        assert.equal(trail.checked, before.audit);
      } finally {
        await again.close();
      }
    } finally {
      if (!closed) {
        await stopBackups();
        await rt.close();
      }
    }
  });

  it("refuses a file that is not a backup, and one whose audit trail was tampered with, changing nothing", async () => {
    const dataDir = join(root, "db2");
    const env = { SAFEPOST_DATA_DIR: dataDir };
    const rt = await openRuntime(loadConfig(env));
    let tampered: string;
    try {
      await ensureDemo(rt.ctx, "demo-password-1", () => {});
      await sql`update audit_log set action = 'edited.quietly' where seq = (select min(seq) from audit_log)`.execute(
        rt.ctx.db,
      );
      tampered = join(root, "tampered.backup");
      writeFileAtomically(tampered, await backupBytes(rt.database));
    } finally {
      await rt.close();
    }
    const target = join(root, "db3");
    const first = await openRuntime(loadConfig({ SAFEPOST_DATA_DIR: target }));
    await createPractice(first.ctx.db, { slug: "keep-me", name: "Keep Me Surgery" });
    await first.close();

    const junk = join(root, "junk.backup");
    writeFileSync(junk, "this is not a backup");
    const notBackup = await cli(["restore", junk], { SAFEPOST_DATA_DIR: target });
    assert.equal(notBackup.status, 1);
    assert.match(notBackup.stderr, /is not a safepost backup/);
    await assert.rejects(restoreBackup(tampered, target), /audit trail has been tampered with/);
    const missing = await cli(["restore", join(root, "nothing-here.backup")], { SAFEPOST_DATA_DIR: target });
    assert.match(missing.stderr, /there is no readable file/);

    const after = await openRuntime(loadConfig({ SAFEPOST_DATA_DIR: target }));
    try {
      assert.deepEqual((await counts(after)).practices, ["keep-me"]);
    } finally {
      await after.close();
    }
    assert.deepEqual(
      readdirSync(root).filter((n) => n.startsWith("db3.")),
      [],
      "no staging or renamed folders are left behind",
    );
  });

  it("points PostgreSQL installations to pg_dump and pg_restore", async () => {
    const r = await cli(["backup", "--out", join(root, "x.backup")], {
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test",
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /pg_dump --format=custom/);
  });
});
