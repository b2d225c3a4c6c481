// The practice's news: the posts published on its website channel, as they went out (src/server/public prints them).
import { isUuid } from "../../core/ids";
import type { Db } from "../../store/database";
import type { NewsFeed, NewsItem } from "./news-types";

const EXT: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

/** The public address of an image of a published news post (served only while that post stays published). */
export const newsImagePath = (slug: string, imageId: string, mimeType: string): string =>
  `/p/${slug}/news/images/${imageId}.${EXT[mimeType] ?? "jpg"}`;

/** The newest `limit` posts published on the practice's website channel, newest first, with their images. */
export async function loadNews(
  db: Db,
  baseUrl: string,
  practice: { id: string; name: string; slug: string },
  limit = 50,
): Promise<NewsFeed> {
  const rows = await db
    .selectFrom("deliveries")
    .innerJoin("channels", "channels.id", "deliveries.channel_id")
    .innerJoin("posts", "posts.id", "deliveries.post_id")
    .select([
      "posts.id as postId",
      "posts.text",
      "posts.link",
      "deliveries.sent_text",
      "deliveries.sent_link",
      "deliveries.published_at",
    ])
    .where("deliveries.practice_id", "=", practice.id)
    .where("channels.kind", "=", "website")
    .where("deliveries.state", "=", "published")
    .where("deliveries.published_at", "is not", null)
    .orderBy("deliveries.published_at", "desc")
    .orderBy("posts.id")
    .limit(limit)
    .execute();
  const ids = rows.map((r) => r.postId);
  const images = ids.length
    ? await db
        .selectFrom("post_image_links")
        .innerJoin("post_images", "post_images.id", "post_image_links.image_id")
        .select([
          "post_image_links.post_id",
          "post_image_links.position",
          "post_image_links.alt_text",
          "post_images.id",
          "post_images.mime_type",
          "post_images.size",
          "post_images.width",
          "post_images.height",
        ])
        .where("post_image_links.post_id", "in", ids)
        .where("post_images.practice_id", "=", practice.id)
        .orderBy("post_image_links.position")
        .execute()
    : [];
  const items: NewsItem[] = rows.map((r) => ({
    id: r.postId,
    text: r.sent_text ?? r.text,
    link: r.sent_link ?? r.link,
    publishedAt: r.published_at!,
    images: images
      .filter((i) => i.post_id === r.postId)
      .map((i) => ({
        url: `${baseUrl}${newsImagePath(practice.slug, i.id, i.mime_type)}`,
        altText: i.alt_text,
        mimeType: i.mime_type,
        size: i.size,
        width: i.width,
        height: i.height,
      })),
  }));
  return { practice: { name: practice.name, slug: practice.slug }, items, baseUrl };
}

/**
 * An image of a post published on the practice's website channel, or null (unknown, another practice's, not
 * published there, or the wrong file ending): the news page's images are public, nothing else is.
 */
export async function publishedNewsImage(
  db: Db,
  practiceId: string,
  file: string,
): Promise<{ bytes: Buffer; mimeType: string; sha256: string } | null> {
  const m = /^([0-9a-f-]{36})\.(jpg|png|webp)$/.exec(file);
  if (!m || !isUuid(m[1]!)) return null;
  const row = await db
    .selectFrom("post_images")
    .innerJoin("post_image_links", "post_image_links.image_id", "post_images.id")
    .innerJoin("deliveries", "deliveries.post_id", "post_image_links.post_id")
    .innerJoin("channels", "channels.id", "deliveries.channel_id")
    .select(["post_images.bytes", "post_images.mime_type", "post_images.sha256"])
    .where("post_images.id", "=", m[1]!)
    .where("post_images.practice_id", "=", practiceId)
    .where("deliveries.practice_id", "=", practiceId)
    .where("channels.kind", "=", "website")
    .where("deliveries.state", "=", "published")
    .limit(1)
    .executeTakeFirst();
  if (!row || EXT[row.mime_type] !== m[2]) return null;
  return { bytes: Buffer.from(row.bytes), mimeType: row.mime_type, sha256: row.sha256 };
}
