import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import type { AppContext } from "../../src/app/context";
import type { Db, OpenDatabase } from "../../src/store/database";
import { Client, seedPractice } from "../support/http";

const picture = (r: number): Promise<Buffer> =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: { r, g: 90, b: 160 } } })
    .jpeg()
    .toBuffer();

export const HOSTILE = `Winter vaccines: book now <script>alert('x')</script> & "bring" your <b>card</b> ]]>`;

/**
 * Puts a post into the state publishing leaves it in (posts, channels, deliveries, image links) without going
 * through the publishing job, so the feed and archive tests stand on their own. The posts tests cover how a
 * post gets there.
 */
export async function channel(db: Db, practiceId: string, kind: string, name: string, at: Date) {
  const existing =
    kind === "website"
      ? await db
          .selectFrom("channels")
          .select("id")
          .where("practice_id", "=", practiceId)
          .where("kind", "=", "website")
          .executeTakeFirst()
      : undefined;
  if (existing) return existing.id;
  const row = await db
    .insertInto("channels")
    .values({ practice_id: practiceId, kind, name, created_at: at, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface PublishedPost {
  practiceId: string;
  authorId: string;
  approverId: string | null;
  text: string;
  link?: string | null;
  images?: { id: string; altText: string }[];
  /** channel id → state of its delivery ("published" unless said otherwise) */
  channels: { id: string; state?: string; url?: string | null; platformId?: string; sentText?: string }[];
  publishedAt: Date;
  postState?: string;
  verdict?: string;
}

export async function publishedPost(
  db: Db,
  p: PublishedPost,
): Promise<{ postId: string; deliveryIds: string[] }> {
  const at = p.publishedAt;
  const approvedAt = new Date(at.getTime() - 3600_000);
  const post = await db
    .insertInto("posts")
    .values({
      practice_id: p.practiceId,
      state: p.postState ?? "published",
      text: p.text,
      link: p.link ?? null,
      author_id: p.authorId,
      last_edited_by: p.authorId,
      verdict: p.verdict ?? "ok",
      approved_by: p.approverId,
      approved_at: p.approverId ? approvedAt : null,
      approved_verdict: p.approverId ? (p.verdict ?? "ok") : null,
      submitted_at: approvedAt,
      scheduled_at: at,
      published_at: (p.postState ?? "published") === "published" ? at : null,
      created_at: new Date(at.getTime() - 7200_000),
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  let position = 0;
  for (const c of p.channels)
    await db
      .insertInto("post_channels")
      .values({ post_id: post.id, channel_id: c.id, position: position++ })
      .execute();
  position = 0;
  for (const img of p.images ?? [])
    await db
      .insertInto("post_image_links")
      .values({ post_id: post.id, position: position++, image_id: img.id, alt_text: img.altText })
      .execute();
  const deliveryIds: string[] = [];
  for (const c of p.channels) {
    const state = c.state ?? "published";
    const d = await db
      .insertInto("deliveries")
      .values({
        practice_id: p.practiceId,
        post_id: post.id,
        channel_id: c.id,
        state,
        due_at: at,
        url: state === "published" ? (c.url ?? null) : null,
        platform_id: state === "published" ? (c.platformId ?? null) : null,
        sent_text: state === "published" ? (c.sentText ?? p.text) : null,
        sent_link: state === "published" ? (p.link ?? null) : null,
        published_at: state === "published" ? at : null,
        created_at: approvedAt,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    deliveryIds.push(d.id);
  }
  return { postId: post.id, deliveryIds };
}

/** Two practices, each member signed in, images uploaded through the API, and posts in every state that matters. */
export async function seedPublished(database: OpenDatabase, ctx: AppContext, app: FastifyInstance) {
  const upload = async (c: Client, practiceId: string, body: Buffer) => {
    const r = await c.request("POST", `/api/practices/${practiceId}/post-images`, body, {
      "content-type": "image/jpeg",
    });
    assert.equal(r.status, 201, r.text);
    return r.body as { id: string; sha256: string };
  };
  const ids = {} as Record<
    | "websitePost"
    | "facebookOnly"
    | "scheduled"
    | "failed"
    | "otherPractice"
    | "image"
    | "draftImage"
    | "imageB",
    string
  >;
  const hashes = {} as Record<"image", string>;
  const a = await seedPractice(ctx, "larch");
  const b = await seedPractice(ctx, "yew");
  const posterA = new Client(app, "10.8.0.1");
  await posterA.signIn("poster@larch.example");
  const approverA = new Client(app, "10.8.0.2");
  await approverA.signIn("approver@larch.example");
  const staffA = new Client(app, "10.8.0.3");
  await staffA.signIn("staff@larch.example");
  const adminB = new Client(app, "10.8.0.4");
  await adminB.signIn("admin@yew.example");
  const posterB = new Client(app, "10.8.0.5");
  await posterB.signIn("poster@yew.example");

  const image = await upload(posterA, a.practice.id, await picture(10));
  ids.image = image.id;
  hashes.image = image.sha256;
  ids.draftImage = (await upload(posterA, a.practice.id, await picture(60))).id;
  ids.imageB = (await upload(posterB, b.practice.id, await picture(120))).id;

  const db = database.db;
  const now = ctx.now();
  const webA = await channel(db, a.practice.id, "website", "Practice website", now);
  const fbA = await channel(db, a.practice.id, "facebook", "Larch Facebook page", now);
  const webB = await channel(db, b.practice.id, "website", "Practice website", now);
  const author = a.people.poster.id;
  const approver = a.people.approver.id;
  const day = (n: number) => new Date(Date.UTC(2026, 10, n, 9, 0));

  ids.websitePost = (
    await publishedPost(db, {
      practiceId: a.practice.id,
      authorId: author,
      approverId: approver,
      text: HOSTILE,
      link: "https://www.nhs.uk/vaccinations/",
      images: [{ id: ids.image, altText: "A nurse preparing a vaccine" }],
      channels: [
        { id: webA, url: "http://localhost:3000/p/larch/news" },
        {
          id: fbA,
          url: "https://facebook.example/larch/posts/1",
          sentText: `${HOSTILE}\n\nLiking is not endorsement.`,
        },
      ],
      publishedAt: day(10),
      verdict: "review",
    })
  ).postId;
  ids.facebookOnly = (
    await publishedPost(db, {
      practiceId: a.practice.id,
      authorId: author,
      approverId: approver,
      text: "Only on Facebook: the car park is being resurfaced this week.",
      channels: [{ id: fbA, url: "https://facebook.example/larch/posts/2" }],
      publishedAt: day(11),
    })
  ).postId;
  ids.scheduled = (
    await publishedPost(db, {
      practiceId: a.practice.id,
      authorId: author,
      approverId: approver,
      text: "Not yet: the new evening clinic opens next month.",
      channels: [{ id: webA, state: "scheduled" }],
      publishedAt: day(12),
      postState: "scheduled",
    })
  ).postId;
  ids.failed = (
    await publishedPost(db, {
      practiceId: a.practice.id,
      authorId: author,
      approverId: approver,
      text: "Never sent: the pharmacy counter moves upstairs.",
      channels: [{ id: webA, state: "failed" }],
      publishedAt: day(13),
      postState: "failed",
    })
  ).postId;
  ids.otherPractice = (
    await publishedPost(db, {
      practiceId: b.practice.id,
      authorId: b.people.poster.id,
      approverId: b.people.approver.id,
      text: "Yew news: blood tests now on Saturday mornings.",
      images: [{ id: ids.imageB, altText: "Yew's reception" }],
      channels: [{ id: webB }],
      publishedAt: day(14),
    })
  ).postId;
  return { a, b, ids, hashes, posterA, approverA, staffA, adminB };
}
