import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { Kysely } from "kysely";
import { Migrator } from "kysely/migration";
import { PGliteDialect } from "kysely-pglite-dialect";
import { PGlite, types } from "@electric-sql/pglite";
import { migrations } from "../../src/store/migrations/index";
import { migrate, type Db } from "../../src/store/database";
import { canonicalJson } from "../../src/app/audit/canonical-json";
import { verifyAuditChain } from "../../src/app/audit/verify-audit";

const BEFORE_SPLIT = "2026-11-21T2100-practice-settings";
const P1 = "00000000-0000-4000-8000-000000000001";
const P2 = "00000000-0000-4000-8000-000000000002";

/** A database as it was before the split, holding one old-style global chain of `n` entries. */
async function legacyDatabase(n: number): Promise<{ db: Db; close(): Promise<void> }> {
  const pglite = new PGlite({ parsers: { [types.INT8]: (v: string) => v } });
  const db = new Kysely<any>({ dialect: new PGliteDialect(pglite) }); // eslint-disable-line @typescript-eslint/no-explicit-any
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateTo(BEFORE_SPLIT);
  if (error) throw error;
  let prev = "0".repeat(64);
  for (let i = 1; i <= n; i++) {
    const fields = {
      seq: String(i),
      practice_id: [P1, P2, null][i % 3] ?? null,
      at: new Date(Date.UTC(2026, 10, 1, 9, i)).toISOString(),
      actor_id: null,
      action: `legacy.${i}`,
      target_type: null,
      target_id: null,
      details: { n: i },
      prev_hash: prev,
    };
    const hash = createHash("sha256").update(canonicalJson(fields)).digest("hex");
    await db
      .insertInto("audit_log")
      .values({ ...fields, details: JSON.stringify(fields.details), hash })
      .execute();
    await db
      .insertInto("audit_head")
      .values({ id: 1, seq: String(i), hash })
      .onConflict((oc) => oc.column("id").doUpdateSet({ seq: String(i), hash }))
      .execute();
    prev = hash;
  }
  return { db: db as Db, close: () => db.destroy() };
}

const sealOf = async (db: Db) =>
  (
    await db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "audit.chains-split")
      .executeTakeFirstOrThrow()
  ).details;

describe("the split into per-practice chains (migration)", () => {
  it("re-chains an intact old trail into verifiable chains and seals the old verdict", async () => {
    const { db, close } = await legacyDatabase(9);
    try {
      await migrate(db);
      const report = await verifyAuditChain(db);
      assert.deepEqual(report.problems, []);
      assert.equal(report.chains.length, 3);
      assert.equal(report.checked, 10, "nine old entries and the seal");
      const seal = await sealOf(db);
      assert.equal(seal.legacyEntries, 9);
      assert.equal(seal.legacyIntact, true);
      const p1 = await db
        .selectFrom("audit_log")
        .select(["chain_seq", "action"])
        .where("chain", "=", P1)
        .orderBy("chain_seq")
        .execute();
      assert.deepEqual(
        p1.map((r) => [r.chain_seq, r.action]),
        [
          ["1", "legacy.3"],
          ["2", "legacy.6"],
          ["3", "legacy.9"],
        ],
      );
    } finally {
      await close();
    }
  });

  it("records that the old trail had been tampered with before the split", async () => {
    const { db, close } = await legacyDatabase(6);
    try {
      await db.updateTable("audit_log").set({ action: "legacy.edited" }).where("seq", "=", "2").execute();
      await migrate(db);
      const seal = await sealOf(db);
      assert.equal(seal.legacyIntact, false);
      assert.ok(Number(seal.legacyProblems) >= 1);
    } finally {
      await close();
    }
  });
});
