import { sql } from "kysely";
import { z } from "zod";
import type { ArchiveEntry } from "../../exports/posts-archive";
import type { Db } from "../../store/database";

/** The archive's search: words in the text as published, the channel's name or kind, or the author's name. */
export const archiveQuery = z.object({
  q: z.string().trim().max(200, "Please search for 200 characters or fewer.").optional(),
});

/** `%` and `_` in a search are the characters themselves, not wildcards. */
const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Every post the practice published, once per channel, as it was sent there: newest first. Reads the posts
 * helper's tables (deliveries, posts, channels, post_image_links); only the practice's own rows ever match.
 */
export async function listArchive(db: Db, practiceId: string, q = ""): Promise<ArchiveEntry[]> {
  let query = db
    .selectFrom("deliveries as d")
    .innerJoin("posts as p", "p.id", "d.post_id")
    .innerJoin("channels as c", "c.id", "d.channel_id")
    .innerJoin("users as author", "author.id", "p.author_id")
    .leftJoin("users as approver", "approver.id", "p.approved_by")
    .select([
      "d.id as deliveryId",
      "d.post_id as postId",
      "d.url",
      "d.sent_text",
      "d.sent_link",
      "d.published_at",
      "c.kind",
      "c.name as channelName",
      "p.text",
      "p.link",
      "p.created_at",
      "p.approved_at",
      "p.approved_verdict",
      "p.verdict",
      "p.override_reason",
      "author.name as authorName",
      "approver.name as approverName",
    ])
    .where("d.practice_id", "=", practiceId)
    .where("p.practice_id", "=", practiceId)
    .where("c.practice_id", "=", practiceId)
    .where("d.state", "=", "published");
  const search = q.trim();
  if (search) {
    const pattern = likePattern(search);
    query = query.where((eb) =>
      eb.or([
        eb(sql<string>`coalesce(d.sent_text, p.text)`, "ilike", pattern),
        eb("c.name", "ilike", pattern),
        eb("c.kind", "ilike", pattern),
        eb("author.name", "ilike", pattern),
      ]),
    );
  }
  const rows = await query.orderBy("d.published_at", "desc").orderBy("d.id").limit(5000).execute();
  const hashes = await imageHashes(
    db,
    practiceId,
    rows.map((r) => r.postId),
  );
  return rows.map((r) => ({
    postId: r.postId,
    deliveryId: r.deliveryId,
    channelKind: r.kind,
    channelName: r.channelName,
    text: r.sent_text ?? r.text,
    link: r.sent_text === null ? r.link : r.sent_link,
    imageHashes: hashes.get(r.postId) ?? [],
    url: r.url,
    author: r.authorName,
    approver: r.approverName,
    createdAt: r.created_at,
    approvedAt: r.approved_at,
    publishedAt: r.published_at ?? r.created_at,
    verdict: r.approved_verdict ?? r.verdict,
    overrideReason: r.override_reason,
  }));
}

/** post id → the sha-256 of each of its images, in the post's order. */
async function imageHashes(db: Db, practiceId: string, postIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (postIds.length === 0) return out;
  const rows = await db
    .selectFrom("post_image_links as l")
    .innerJoin("post_images as i", "i.id", "l.image_id")
    .select(["l.post_id", "i.sha256"])
    .where("i.practice_id", "=", practiceId)
    .where("l.post_id", "in", [...new Set(postIds)])
    .orderBy("l.post_id")
    .orderBy("l.position")
    .execute();
  for (const r of rows) out.set(r.post_id, [...(out.get(r.post_id) ?? []), r.sha256]);
  return out;
}
