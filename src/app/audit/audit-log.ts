import { sql } from "kysely";
import { createHash } from "node:crypto";
import type { Db } from "../../store/database";

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

/** Stable JSON: keys sorted at every level, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value as object).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface ChainedFields {
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
 * Appends an entry to the hash chain. Runs inside a transaction that takes an advisory lock,
 * so entries from several app instances are chained one after another, never forked.
 * Pass a transaction to make the entry part of the change it records.
 */
export async function appendAudit(db: Db, event: AuditEvent, at: Date): Promise<void> {
  const run = async (trx: Db): Promise<void> => {
    await sql`select pg_advisory_xact_lock(72616475)`.execute(trx);
    const head = await trx
      .selectFrom("audit_head")
      .select(["seq", "hash"])
      .where("id", "=", 1)
      .executeTakeFirst();
    const seq = String(head ? BigInt(head.seq) + 1n : 1n);
    const fields: ChainedFields = {
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
    await trx
      .insertInto("audit_log")
      .values({ ...fields, details: JSON.stringify(fields.details), hash })
      .execute();
    await trx
      .insertInto("audit_head")
      .values({ id: 1, seq, hash })
      .onConflict((oc) => oc.column("id").doUpdateSet({ seq, hash }))
      .execute();
  };
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
}
