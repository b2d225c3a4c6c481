import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { Client, seedPractice, testServer } from "../support/http";
import { openDatabase, type OpenDatabase } from "../../src/store/database";
import { appendAudit } from "../../src/app/audit/audit-log";
import { verifyAuditChain } from "../../src/app/audit/verify-audit";

for (const kind of databaseKinds) {
  describe(`the audit trail is tamper-evident (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let admin: Client;
    let base: string;
    before(async () => {
      database = await kind.open();
      const ctx = testContext(database);
      app = await testServer(ctx);
      const seed = await seedPractice(ctx, "yew");
      base = `/api/practices/${seed.practice.id}`;
      admin = new Client(app, "10.3.0.1");
      await admin.signIn("admin@yew.example");
      await admin.post(`${base}/invites`, { email: "new@yew.example", name: "New Person", roles: ["staff"] });
      await new Client(app, "10.3.0.2").signIn("staff@yew.example", "wrong password");
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("records sign-in, failed sign-in and invite, without personal text, and the chain verifies", async () => {
      const res = await admin.get(`${base}/audit`);
      assert.equal(res.status, 200);
      const actions = res.body.entries.map((e: { action: string }) => e.action);
      for (const a of ["auth.signed-in", "member.invited", "auth.sign-in-failed"])
        assert.ok(actions.includes(a), `${a} in ${actions}`);
      assert.equal(res.body.chain.ok, true);
      assert.doesNotMatch(JSON.stringify(res.body.entries), /New Person|new@yew\.example|wrong password/);
    });

    it("exports the trail as CSV", async () => {
      const res = await admin.get(`${base}/audit.csv`);
      assert.equal(res.status, 200);
      assert.match(String(res.headers["content-type"]), /text\/csv/);
      assert.match(res.text.split("\n")[0]!, /^entry,at,actor/);
      assert.match(res.text, /member\.invited/);
    });

    it("detects an edited row", async () => {
      await sql`update audit_log set action = 'member.nothing-to-see' where action = 'member.invited'`.execute(
        database.db,
      );
      const report = await verifyAuditChain(database.db);
      assert.equal(report.ok, false);
      assert.ok(report.problems.some((p) => /changed/.test(p.problem)));
      const shown = (await admin.get(`${base}/audit`)).body.chain;
      assert.equal(shown.ok, false, "the admin's audit page shows it");
      await sql`update audit_log set action = 'member.invited' where action = 'member.nothing-to-see'`.execute(
        database.db,
      );
      assert.equal((await verifyAuditChain(database.db)).ok, true);
    });

    it("detects a deleted row in the middle and a deleted tail", async () => {
      const middle = await sql<{
        seq: string;
      }>`select seq from audit_log order by seq limit 1 offset 1`.execute(database.db);
      await sql`delete from audit_log where seq = ${middle.rows[0]!.seq}`.execute(database.db);
      const report = await verifyAuditChain(database.db);
      assert.equal(report.ok, false);
      assert.ok(report.problems.some((p) => /missing|link/.test(p.problem)));
    });
  });
}

describe("appending from many callers at once keeps one unbroken chain", () => {
  for (const kind of databaseKinds) {
    it(`on ${kind.name}`, async () => {
      const database = await kind.open();
      try {
        await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            appendAudit(database.db, { practiceId: null, actorId: null, action: `test.${i}` }, new Date()),
          ),
        );
        const report = await verifyAuditChain(database.db);
        assert.deepEqual(report.problems, []);
        assert.equal(report.checked, 30);
      } finally {
        await database.close();
      }
    });
  }
});

describe("safepost audit verify (CLI)", () => {
  it("exits 0 on an intact trail and 1 after tampering", async () => {
    const dir = mkdtempSync(join(tmpdir(), "safepost-audit-"));
    try {
      const database = await openDatabase({ dataDir: dir });
      await appendAudit(database.db, { practiceId: null, actorId: null, action: "test.one" }, new Date());
      await appendAudit(database.db, { practiceId: null, actorId: null, action: "test.two" }, new Date());
      await database.close();
      const env = { ...process.env, SAFEPOST_DATA_DIR: dir, DATABASE_URL: "" };
      const run = () =>
        spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "audit", "verify"], {
          env,
          encoding: "utf8",
        });
      const ok = run();
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /intact: 2 entries/);
      const again = await openDatabase({ dataDir: dir });
      await sql`update audit_log set action = 'test.edited' where action = 'test.one'`.execute(again.db);
      await again.close();
      const bad = run();
      assert.equal(bad.status, 1);
      assert.match(bad.stdout, /tampered/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
