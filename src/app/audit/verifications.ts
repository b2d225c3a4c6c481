import type { Db } from "../../store/database";
import type { AppContext } from "../context";
import { verifyChain, type ChainProblem } from "./verify-audit";

export interface VerificationView {
  at: Date;
  ok: boolean;
  checked: number;
  problems: ChainProblem[];
  head: { seq: string; hash: string } | null;
  by: { id: string; name: string } | null;
}

/** Verifies one chain now and records the result, so the audit page can show it without re-hashing. */
export async function verifyAndRecord(
  ctx: AppContext,
  chain: string,
  actorId: string | null,
): Promise<VerificationView> {
  const report = await verifyChain(ctx.db, chain);
  const at = ctx.now();
  await ctx.db
    .insertInto("audit_verifications")
    .values({
      chain,
      at,
      actor_id: actorId,
      ok: report.ok,
      checked: report.checked,
      problems: JSON.stringify(report.problems.slice(0, 200)),
      head_seq: report.head?.seq ?? null,
      head_hash: report.head?.hash ?? null,
    })
    .execute();
  return (await lastVerification(ctx.db, chain))!;
}

/** The latest recorded verification of a chain, or null if it was never verified. */
export async function lastVerification(db: Db, chain: string): Promise<VerificationView | null> {
  const r = await db
    .selectFrom("audit_verifications")
    .leftJoin("users", "users.id", "audit_verifications.actor_id")
    .select([
      "audit_verifications.at",
      "audit_verifications.ok",
      "audit_verifications.checked",
      "audit_verifications.problems",
      "audit_verifications.head_seq",
      "audit_verifications.head_hash",
      "audit_verifications.actor_id",
      "users.name as actor_name",
    ])
    .where("audit_verifications.chain", "=", chain)
    .orderBy("audit_verifications.at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!r) return null;
  return {
    at: r.at,
    ok: r.ok,
    checked: r.checked,
    problems: r.problems,
    head: r.head_seq && r.head_hash ? { seq: r.head_seq, hash: r.head_hash } : null,
    by: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? "(removed)" } : null,
  };
}

/** The chain's current head as recorded in the database (what `safepost audit head` prints). */
export async function chainHead(db: Db, chain: string) {
  const r = await db
    .selectFrom("audit_heads")
    .select(["seq", "hash", "at"])
    .where("chain", "=", chain)
    .executeTakeFirst();
  return r ?? null;
}
