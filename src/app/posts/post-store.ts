// Reading and recording posts: one post of a practice (404 for another practice's id), the facts the permission
// model reads, the timeline, and the post as the API answers it.
import type { Selectable } from "kysely";
import { notFound } from "../../core/errors";
import { knownIdShape } from "../../core/ids";
import { allowedActions, type PermissionMember, type PostResource } from "../../core/permissions";
import type { DeliveryState, PostState } from "../../core/posts/states";
import type { Verdict } from "../../core/checker/types";
import type { Db } from "../../store/database";
import type { PostTable } from "../../store/schema";
import { appendAudit, type AuditEvent } from "../audit/audit-log";
import { channelRef, type ChannelRow } from "../channels/channels";
import { memberImagePath } from "./images";

export interface PostRow extends Omit<Selectable<PostTable>, "state"> {
  state: PostState;
}

/** One post of this practice, or 404. `forUpdate` locks the row for the rest of the transaction. */
export async function loadPost(
  db: Db,
  practiceId: string,
  postId: string,
  forUpdate = false,
): Promise<PostRow> {
  knownIdShape(postId, "That post");
  let q = db.selectFrom("posts").selectAll().where("id", "=", postId).where("practice_id", "=", practiceId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound("That post");
  return row as PostRow;
}

/** The facts the permission model reads about a post. */
export async function postResource(db: Db, post: PostRow): Promise<PostResource> {
  const waiting = await db
    .selectFrom("deliveries")
    .select("id")
    .where("post_id", "=", post.id)
    .where("state", "=", "needs-check")
    .executeTakeFirst();
  return {
    type: "post",
    state: post.state,
    authorId: post.author_id,
    lastEditorId: post.last_edited_by,
    hasDeliveryToResolve: !!waiting,
  };
}

/** Records a step in the post's timeline (and, when `audit` is given, the audit entry), in the caller's transaction. */
export async function recordPostEvent(
  trx: Db,
  post: Pick<PostRow, "id" | "practice_id">,
  actorId: string | null,
  at: Date,
  event: string,
  options: { note?: string | null; audit?: AuditEvent["details"] } = {},
): Promise<void> {
  await trx
    .insertInto("post_events")
    .values({
      practice_id: post.practice_id,
      post_id: post.id,
      at,
      actor_id: actorId,
      event,
      note: options.note ?? null,
    })
    .execute();
  if (options.audit)
    await appendAudit(
      trx,
      {
        practiceId: post.practice_id,
        actorId,
        action: `post.${event}`,
        targetType: "post",
        targetId: post.id,
        details: options.audit,
      },
      at,
    );
}

async function peopleNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom("users").select(["id", "name"]).where("id", "in", wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The channels, images and deliveries of many posts at once. */
async function partsOf(db: Db, posts: readonly PostRow[]) {
  const ids = posts.map((p) => p.id);
  if (!ids.length) return { channels: [], images: [], deliveries: [] };
  const channels = await db
    .selectFrom("post_channels")
    .innerJoin("channels", "channels.id", "post_channels.channel_id")
    .select([
      "post_channels.post_id",
      "post_channels.position",
      "channels.id",
      "channels.kind",
      "channels.name",
    ])
    .where("post_channels.post_id", "in", ids)
    .orderBy("post_channels.position")
    .execute();
  const images = await db
    .selectFrom("post_image_links")
    .selectAll()
    .where("post_id", "in", ids)
    .orderBy("position")
    .execute();
  const deliveries = await db
    .selectFrom("deliveries")
    .innerJoin("channels", "channels.id", "deliveries.channel_id")
    .select([
      "deliveries.id",
      "deliveries.post_id",
      "deliveries.state",
      "deliveries.url",
      "deliveries.error",
      "deliveries.attempts",
      "channels.id as channel_id",
      "channels.kind",
      "channels.name",
    ])
    .where("deliveries.post_id", "in", ids)
    .orderBy("channels.name")
    .execute();
  return { channels, images, deliveries };
}

/** Many posts as the API answers them, each with what `member` may do to it. */
export async function postViews(
  db: Db,
  posts: readonly PostRow[],
  member: PermissionMember,
  options: { timeline?: boolean } = {},
) {
  const parts = await partsOf(db, posts);
  const events = options.timeline
    ? await db
        .selectFrom("post_events")
        .selectAll()
        .where(
          "post_id",
          "in",
          posts.map((p) => p.id),
        )
        .orderBy("at")
        .orderBy("seq")
        .execute()
    : [];
  const names = await peopleNames(db, [
    ...posts.flatMap((p) => [p.author_id, p.last_edited_by, p.approved_by]),
    ...events.map((e) => e.actor_id),
  ]);
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? "a former user" } : null);
  const views = [];
  for (const p of posts) {
    const resource = await postResource(db, p);
    const timeline = events.filter((e) => e.post_id === p.id);
    views.push({
      id: p.id,
      state: p.state,
      text: p.text,
      link: p.link,
      images: parts.images
        .filter((i) => i.post_id === p.id)
        .map((i) => ({
          id: i.image_id,
          altText: i.alt_text,
          url: memberImagePath(p.practice_id, i.image_id),
        })),
      channels: parts.channels
        .filter((c) => c.post_id === p.id)
        .map((c) => channelRef(c as Pick<ChannelRow, "id" | "kind" | "name">)),
      scheduledAt: p.scheduled_at?.toISOString() ?? null,
      author: person(p.author_id)!,
      lastEditedBy: person(p.last_edited_by),
      approver: person(p.approved_by),
      approvedAt: p.approved_at?.toISOString() ?? null,
      verdict: (p.verdict as Verdict | null) ?? null,
      overrideReason: p.override_reason,
      changesRequestedNote: p.state === "changes-requested" ? p.changes_note : null,
      approvalVoided: p.approval_voided,
      publishedAt: p.published_at?.toISOString() ?? null,
      deliveries: parts.deliveries
        .filter((d) => d.post_id === p.id)
        .map((d) => ({
          id: d.id,
          channel: channelRef({ id: d.channel_id, kind: d.kind, name: d.name }),
          state: d.state as DeliveryState,
          url: d.url,
          error: d.error,
          attempts: d.attempts,
        })),
      ...(options.timeline
        ? {
            timeline: timeline.map((e) => ({
              at: e.at.toISOString(),
              actor: person(e.actor_id),
              event: e.event,
              note: e.note,
            })),
          }
        : {}),
      allowed: allowedActions(member, resource),
      createdAt: p.created_at.toISOString(),
      updatedAt: p.updated_at.toISOString(),
    });
  }
  return views;
}

export type PostView = Awaited<ReturnType<typeof postViews>>[number];

/** One post as the API answers it, with its timeline. */
export async function postView(db: Db, post: PostRow, member: PermissionMember): Promise<PostView> {
  const [view] = await postViews(db, [post], member, { timeline: true });
  return view!;
}
