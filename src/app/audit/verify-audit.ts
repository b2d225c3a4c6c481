import type { Db } from "../../store/database";
import { entryHash, GENESIS } from "./audit-log";

export interface ChainProblem {
  seq: string;
  problem: string;
  /** The chain the problem is in (a practice id, or "installation"). */
  chain?: string;
}

export interface ChainHead {
  seq: string;
  hash: string;
}

export interface ChainReport {
  chain: string;
  ok: boolean;
  checked: number;
  problems: ChainProblem[];
  /** The last entry checked: publish it outside the database to detect a deleted tail later. */
  head: ChainHead | null;
}

/** A published head as printed by `safepost audit head`: "SEQ:HASH", or the hash alone. */
export function parsePublishedHead(text: string): { seq: string | null; hash: string } | null {
  const m = /^(?:(\d{1,18}):)?([0-9a-f]{64})$/i.exec(text.trim());
  return m ? { seq: m[1] ?? null, hash: m[2]!.toLowerCase() } : null;
}

export const formatHead = (head: ChainHead): string => `${head.seq}:${head.hash}`;

/**
 * Recomputes one chain. An edited row no longer matches its hash; a deleted row leaves a gap in the
 * chain's numbering and breaks the next row's link; a deleted tail disagrees with the recorded head, and
 * (when the recorded head was rewound too) with a head published earlier outside the database.
 */
export async function verifyChain(
  db: Db,
  chain: string,
  options: { publishedHead?: string | undefined; batch?: number } = {},
): Promise<ChainReport> {
  const batch = options.batch ?? 2000;
  const problems: ChainProblem[] = [];
  const published = options.publishedHead ? parsePublishedHead(options.publishedHead) : null;
  let publishedSeen = false;
  let prevHash = GENESIS;
  let expectSeq = 1n;
  let checked = 0;
  let after = "0";
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("chain", "=", chain)
      .where("chain_seq", ">", after)
      .orderBy("chain_seq")
      .limit(batch)
      .execute();
    for (const r of rows) {
      const seq = BigInt(r.chain_seq);
      if (seq !== expectSeq)
        problems.push({
          seq: String(expectSeq),
          problem:
            seq === expectSeq + 1n
              ? `entry ${expectSeq} is missing (deleted)`
              : `entries ${expectSeq}–${seq - 1n} are missing (deleted)`,
        });
      if (r.prev_hash !== prevHash)
        problems.push({ seq: r.chain_seq, problem: "does not link to the entry before it" });
      const recomputed = entryHash({
        chain,
        seq: r.chain_seq,
        practice_id: r.practice_id,
        at: r.at.toISOString(),
        actor_id: r.actor_id,
        action: r.action,
        target_type: r.target_type,
        target_id: r.target_id,
        details: r.details,
        prev_hash: r.prev_hash,
      });
      if (recomputed !== r.hash)
        problems.push({ seq: r.chain_seq, problem: "was changed after it was written" });
      if (published && r.hash === published.hash && (!published.seq || published.seq === r.chain_seq))
        publishedSeen = true;
      prevHash = r.hash;
      expectSeq = seq + 1n;
      after = r.chain_seq;
      checked++;
    }
    if (rows.length < batch) break;
  }
  const lastSeq = String(expectSeq - 1n);
  const recorded = await db
    .selectFrom("audit_heads")
    .select(["seq", "hash"])
    .where("chain", "=", chain)
    .executeTakeFirst();
  if (recorded && (recorded.seq !== lastSeq || recorded.hash !== prevHash))
    problems.push({
      seq: recorded.seq,
      problem:
        BigInt(recorded.seq) > expectSeq - 1n
          ? `the latest entries, up to ${recorded.seq}, are missing (deleted)`
          : "the chain's recorded head does not match its last entry",
    });
  if (!recorded && checked > 0) problems.push({ seq: "0", problem: "the chain's head record is missing" });
  if (published && !publishedSeen)
    problems.push({
      seq: published.seq ?? "?",
      problem: published.seq
        ? `the published head (entry ${published.seq}) is not in the trail: entries up to it were deleted or changed`
        : "the published head is not in the trail: entries up to it were deleted or changed",
    });
  if (options.publishedHead && !published)
    problems.push({ seq: "?", problem: "the published head is not a head printed by safepost (SEQ:HASH)" });
  return {
    chain,
    ok: problems.length === 0,
    checked,
    problems: problems.map((p) => ({ ...p, chain })),
    head: checked > 0 ? { seq: lastSeq, hash: prevHash } : null,
  };
}

/** Every chain the database knows of (from its heads and its entries). */
export async function listChains(db: Db): Promise<string[]> {
  const heads = await db.selectFrom("audit_heads").select("chain").execute();
  const entries = await db.selectFrom("audit_log").select("chain").distinct().execute();
  return [...new Set([...heads, ...entries].map((r) => r.chain))].sort();
}

export interface TrailReport {
  ok: boolean;
  checked: number;
  problems: ChainProblem[];
  chains: ChainReport[];
}

/** Verifies every chain of the installation (the operator's view: `safepost audit verify`). */
export async function verifyAuditChain(db: Db): Promise<TrailReport> {
  const chains: ChainReport[] = [];
  for (const chain of await listChains(db)) chains.push(await verifyChain(db, chain));
  return {
    ok: chains.every((c) => c.ok),
    checked: chains.reduce((n, c) => n + c.checked, 0),
    problems: chains.flatMap((c) => c.problems),
    chains,
  };
}
