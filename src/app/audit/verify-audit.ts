import type { Db } from "../../store/database";
import { entryHash, GENESIS } from "./audit-log";

export interface ChainProblem {
  seq: string;
  problem: string;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  problems: ChainProblem[];
}

/**
 * Recomputes the whole hash chain. An edited row no longer matches its hash; a deleted row leaves a gap
 * in the sequence and breaks the next row's link; a truncated tail disagrees with the recorded head.
 */
export async function verifyAuditChain(db: Db, batch = 2000): Promise<ChainReport> {
  const problems: ChainProblem[] = [];
  let prevHash = GENESIS;
  let expectSeq = 1n;
  let checked = 0;
  let after = 0n;
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">", String(after))
      .orderBy("seq")
      .limit(batch)
      .execute();
    for (const r of rows) {
      const seqText = String(r.seq);
      const seq = BigInt(seqText);
      if (seq !== expectSeq)
        problems.push({
          seq: String(expectSeq),
          problem: `entries ${expectSeq}–${seq - 1n} are missing (deleted)`,
        });
      if (r.prev_hash !== prevHash)
        problems.push({ seq: r.seq, problem: "does not link to the entry before it" });
      const recomputed = entryHash({
        seq: seqText,
        practice_id: r.practice_id,
        at: r.at.toISOString(),
        actor_id: r.actor_id,
        action: r.action,
        target_type: r.target_type,
        target_id: r.target_id,
        details: r.details,
        prev_hash: r.prev_hash,
      });
      if (recomputed !== r.hash) problems.push({ seq: r.seq, problem: "was changed after it was written" });
      prevHash = r.hash;
      expectSeq = seq + 1n;
      after = seq;
      checked++;
    }
    if (rows.length < batch) break;
  }
  const head = await db
    .selectFrom("audit_head")
    .select(["seq", "hash"])
    .where("id", "=", 1)
    .executeTakeFirst();
  if (head && (BigInt(head.seq) !== expectSeq - 1n || head.hash !== prevHash))
    problems.push({ seq: head.seq, problem: `the latest entries up to ${head.seq} are missing (deleted)` });
  if (!head && checked > 0) problems.push({ seq: "0", problem: "the chain's head record is missing" });
  return { ok: problems.length === 0, checked, problems };
}
