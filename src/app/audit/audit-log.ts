import { sql } from "kysely";
import { createHash } from "node:crypto";
import type { Db } from "../../store/database";
import { canonicalJson } from "./canonical-json";
import { forgetStamp } from "../practices/change-stamp";

export { canonicalJson };

/** One thing that happened. Details hold ids and field names, never post text or patient data. */
export interface AuditEvent {
  practiceId: string | null;
  actorId: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, string | number | boolean | null | string[]>;
}

export const GENESIS = "0".repeat(64);
/** The chain of events that belong to no practice (sign-ins, password resets, installation changes). */
export const INSTALLATION_CHAIN = "installation";

/** Which chain an event belongs to: its practice's, or the installation's. */
export const chainOf = (practiceId: string | null): string => practiceId ?? INSTALLATION_CHAIN;

/** What is hashed: `seq` is the entry's number within its chain, strictly consecutive from 1. */
export interface ChainedFields {
  chain: string;
  seq: string;
  practice_id: string | null;
  at: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: unknown;
  prev_hash: string;
}

export function entryHash(f: ChainedFields): string {
  return createHash("sha256").update(canonicalJson(f)).digest("hex");
}

/**
 * Appends an entry to its practice's hash chain. An advisory lock per chain orders the appends of one
 * practice (across app instances) without making other practices wait. Pass a transaction to make the
 * entry part of the change it records.
 */
export async function appendAudit(db: Db, event: AuditEvent, at: Date): Promise<void> {
  const chain = chainOf(event.practiceId);
  const run = async (trx: Db): Promise<void> => {
    await sql`select pg_advisory_xact_lock(72616475, hashtext(${chain}))`.execute(trx);
    const head = await trx
      .selectFrom("audit_heads")
      .select(["seq", "hash"])
      .where("chain", "=", chain)
      .executeTakeFirst();
    const seq = String(head ? BigInt(head.seq) + 1n : 1n);
    const fields: ChainedFields = {
      chain,
      seq,
      practice_id: event.practiceId,
      at: at.toISOString(),
      actor_id: event.actorId,
      action: event.action,
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      details: event.details ?? {},
      prev_hash: head?.hash ?? GENESIS,
    };
    const hash = entryHash(fields);
    const { seq: chainSeq, ...rest } = fields;
    await trx
      .insertInto("audit_log")
      .values({ ...rest, chain_seq: chainSeq, details: JSON.stringify(fields.details), hash })
      .execute();
    await trx
      .insertInto("audit_heads")
      .values({ chain, seq, hash, at })
      .onConflict((oc) => oc.column("chain").doUpdateSet({ seq, hash, at }))
      .execute();
  };
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
  // The chain head is the practice's change stamp (src/app/practices/change-stamp.ts): drop this instance's copy.
  if (event.practiceId) forgetStamp(event.practiceId);
}
