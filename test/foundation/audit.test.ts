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
import type { Db, OpenDatabase } from "../../src/store/database";
import { openDataFolder } from "../support/template";
import { appendAudit, INSTALLATION_CHAIN } from "../../src/app/audit/audit-log";
import { formatHead, verifyAuditChain, verifyChain } from "../../src/app/audit/verify-audit";
import { chainHead } from "../../src/app/audit/verifications";
import { CLI } from "../support/node-args";

const append = (db: Db, practiceId: string | null, action: string) =>
  appendAudit(db, { practiceId, actorId: null, action }, new Date());

for (const kind of databaseKinds) {
  describe(`the audit trail (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let admin: Client;
    let base: string;
    let practiceId: string;
    let staffId: string;
    before(async () => {
      database = await kind.open();
      const ctx = testContext(database);
      app = await testServer(ctx);
      const seed = await seedPractice(ctx, "yew");
      practiceId = seed.practice.id;
      staffId = seed.people.staff.id;
      base = `/api/practices/${practiceId}`;
      admin = new Client(app, "10.3.0.1");
      await admin.signIn("admin@yew.example");
      await admin.post(`${base}/invites`, { email: "new@yew.example", name: "New Person", roles: ["staff"] });
      await new Client(app, "10.3.0.2").signIn("staff@yew.example", "wrong password");
      await new Client(app, "10.3.0.3").signIn("staff@yew.example");
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("records sign-in, failed sign-in and invite without personal text in the rows, in readable sentences", async () => {
      const res = await admin.get(`${base}/audit`);
      assert.equal(res.status, 200);
      const actions = res.body.entries.map((e: { action: string }) => e.action);
      for (const a of ["auth.signed-in", "member.invited", "auth.sign-in-failed"])
        assert.ok(actions.includes(a), `${a} in ${actions}`);
      const invited = res.body.entries.find((e: { action: string }) => e.action === "member.invited");
      assert.equal(invited.summary, "admin of yew invited New Person as staff");
      const rows = await database.db.selectFrom("audit_log").select(["details", "target_id"]).execute();
      assert.doesNotMatch(JSON.stringify(rows), /New Person|new@yew\.example|wrong password/);
    });

    it("keeps one chain per practice and one for installation events", async () => {
      const rows = await database.db.selectFrom("audit_log").select(["chain", "action"]).execute();
      assert.ok(rows.some((r) => r.chain === practiceId && r.action === "member.invited"));
      assert.ok(rows.some((r) => r.chain === INSTALLATION_CHAIN && r.action === "auth.signed-in"));
      assert.equal((await verifyChain(database.db, practiceId)).ok, true);
    });

    it("shows the last verification instead of re-hashing on every view, and verifies on request", async () => {
      const before = await admin.get(`${base}/audit`);
      assert.equal(before.body.verification, null, "never verified yet");
      assert.match(before.body.head.hash, /^[0-9a-f]{64}$/);
      const now = await admin.post(`${base}/audit/verify`);
      assert.equal(now.status, 200);
      assert.equal(now.body.verification.ok, true);
      assert.equal(now.body.verification.by.name, "admin of yew");
      // Tamper after the verification: the page still shows the recorded result until someone verifies again.
      await sql`update audit_log set action = 'member.nothing' where action = 'member.invited'`.execute(
        database.db,
      );
      assert.equal((await admin.get(`${base}/audit`)).body.verification.ok, true);
      const again = await admin.post(`${base}/audit/verify`);
      assert.equal(again.body.verification.ok, false);
      assert.equal((await admin.get(`${base}/audit`)).body.verification.ok, false);
      await sql`update audit_log set action = 'member.invited' where action = 'member.nothing'`.execute(
        database.db,
      );
    });

    it("only an admin may verify", async () => {
      const staff = new Client(app, "10.3.0.4");
      await staff.signIn("staff@yew.example");
      assert.equal((await staff.post(`${base}/audit/verify`)).status, 403);
    });

    it("filters by person, action and date, and pages", async () => {
      const byStaff = await admin.get(`${base}/audit?actor=${staffId}`);
      assert.ok(byStaff.body.entries.length >= 2);
      assert.ok(byStaff.body.entries.every((e: { actor: { id: string } }) => e.actor.id === staffId));
      const invites = await admin.get(`${base}/audit?action=member.invited`);
      assert.deepEqual(
        invites.body.entries.map((e: { action: string }) => e.action),
        ["member.invited"],
      );
      const auth = await admin.get(`${base}/audit?action=auth`);
      assert.ok(auth.body.entries.every((e: { action: string }) => e.action.startsWith("auth.")));
      const today = new Date(byStaff.body.entries[0].at).toISOString().slice(0, 10);
      assert.ok((await admin.get(`${base}/audit?from=${today}&to=${today}`)).body.entries.length > 0);
      assert.equal((await admin.get(`${base}/audit?to=2020-01-01`)).body.entries.length, 0);
      const first = await admin.get(`${base}/audit?limit=2`);
      assert.equal(first.body.entries.length, 2);
      const second = await admin.get(`${base}/audit?limit=2&before=${first.body.nextBefore}`);
      assert.ok(BigInt(second.body.entries[0].seq) < BigInt(first.body.entries[1].seq));
      const bad = await admin.get(`${base}/audit?from=2027-02-30`);
      assert.equal(bad.status, 400);
    });

    it("exports the trail as CSV with a readable summary", async () => {
      const res = await admin.get(`${base}/audit.csv`);
      assert.equal(res.status, 200);
      assert.match(String(res.headers["content-type"]), /text\/csv/);
      assert.match(res.text.split("\n")[0]!, /^entry,at,actor,actor_id,action,summary/);
      assert.match(res.text, /invited New Person as staff/);
    });
  });

  describe(`tampering is detected, chain by chain (${kind.name})`, () => {
    let database: OpenDatabase;
    let a: string;
    let b: string;
    before(async () => {
      database = await kind.open();
      const ctx = testContext(database);
      a = (await seedPractice(ctx, "ash")).practice.id;
      b = (await seedPractice(ctx, "birch")).practice.id;
    });
    after(async () => database.close());

    const seqs = async (chain: string) =>
      (
        await database.db
          .selectFrom("audit_log")
          .select("chain_seq")
          .where("chain", "=", chain)
          .orderBy("chain_seq")
          .execute()
      ).map((r) => r.chain_seq);

    it("concurrent appends to two practices keep each chain whole and numbered 1..n", async () => {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => append(database.db, i % 2 ? a : b, `test.${i}`)),
      );
      assert.deepEqual(
        await seqs(a),
        Array.from({ length: 20 }, (_, i) => String(i + 1)),
      );
      assert.deepEqual(
        await seqs(b),
        Array.from({ length: 20 }, (_, i) => String(i + 1)),
      );
      const all = await verifyAuditChain(database.db);
      assert.deepEqual(all.problems, []);
    });

    it("an edited row breaks its own practice's chain only", async () => {
      await sql`update audit_log set details = '{"x":1}' where chain = ${a} and chain_seq = 5`.execute(
        database.db,
      );
      const ra = await verifyChain(database.db, a);
      assert.equal(ra.ok, false);
      assert.ok(ra.problems.some((p) => p.seq === "5" && /changed/.test(p.problem)));
      assert.equal((await verifyChain(database.db, b)).ok, true);
      await sql`update audit_log set details = '{}' where chain = ${a} and chain_seq = 5`.execute(
        database.db,
      );
      assert.equal((await verifyChain(database.db, a)).ok, true);
    });

    it("a deleted middle row is detected", async () => {
      const head = (await chainHead(database.db, b))!;
      await sql`delete from audit_log where chain = ${b} and chain_seq = 10`.execute(database.db);
      const r = await verifyChain(database.db, b);
      assert.equal(r.ok, false);
      assert.ok(r.problems.some((p) => /entry 10 is missing/.test(p.problem)));
      assert.ok(r.problems.some((p) => p.seq === "11" && /link/.test(p.problem)));
      assert.equal(head.seq, "20");
    });

    it("deleted newest rows are detected by the recorded head, and by a published head when that is rewound too", async () => {
      const published = formatHead((await chainHead(database.db, a))!);
      assert.equal((await verifyChain(database.db, a, { publishedHead: published })).ok, true);
      await sql`delete from audit_log where chain = ${a} and chain_seq > 17`.execute(database.db);
      const r = await verifyChain(database.db, a);
      assert.ok(r.problems.some((p) => /latest entries, up to 20, are missing/.test(p.problem)));
      // A careful intruder also rewinds the head record: only the head published outside the database shows it.
      const last = await database.db
        .selectFrom("audit_log")
        .select(["chain_seq", "hash"])
        .where("chain", "=", a)
        .where("chain_seq", "=", "17")
        .executeTakeFirstOrThrow();
      await database.db
        .updateTable("audit_heads")
        .set({ seq: last.chain_seq, hash: last.hash })
        .where("chain", "=", a)
        .execute();
      assert.equal(
        (await verifyChain(database.db, a)).ok,
        true,
        "without the published head it looks intact",
      );
      const withHead = await verifyChain(database.db, a, { publishedHead: published });
      assert.equal(withHead.ok, false);
      assert.ok(
        withHead.problems.some((p) => /published head \(entry 20\) is not in the trail/.test(p.problem)),
      );
    });
  });
}

describe("safepost audit verify and audit head (CLI)", () => {
  it("prints heads, exits 0 on an intact trail, 1 after tampering or when a published head is gone", async () => {
    const dir = mkdtempSync(join(tmpdir(), "safepost-audit-"));
    try {
      const database = await openDataFolder(dir);
      const ctx = testContext(database);
      const oak = (await seedPractice(ctx, "oak")).practice.id;
      for (const action of ["test.one", "test.two", "test.three"]) await append(database.db, oak, action);
      await append(database.db, null, "test.installation");
      await database.close();
      const env = { ...process.env, SAFEPOST_DATA_DIR: dir, DATABASE_URL: "" };
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [...CLI, "audit", ...args], {
          env,
          encoding: "utf8",
        });
      const heads = run("head", "--practice", "oak");
      assert.equal(heads.status, 0, heads.stderr);
      const m = /^oak (3:[0-9a-f]{64}) /.exec(heads.stdout);
      assert.ok(m, heads.stdout);
      const ok = run("verify");
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /intact: 4 entries/);

      const again = await openDataFolder(dir);
      await sql`delete from audit_log where chain = ${oak} and chain_seq = 3`.execute(again.db);
      await sql`update audit_heads set seq = 2, hash = (select hash from audit_log where chain = ${oak} and chain_seq = 2) where chain = ${oak}`.execute(
        again.db,
      );
      await again.close();
      const bad = run("verify", "--practice", "oak", "--head", m[1]!);
      assert.equal(bad.status, 1);
      assert.match(bad.stdout, /published head \(entry 3\) is not in the trail/);
      assert.equal(run("verify", "--head", "nonsense", "--practice", "oak").status, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
