// What a post goes to and carries, checked before anything is written: its text, its channels (this
// practice's only), its images (this practice's only) and each channel's limit on the exact text it is sent.
import { AppError } from "../../core/errors";
import { isUuid } from "../../core/ids";
import { previewFor, type ChannelPreview } from "../../core/posts/preview";
import type { Db } from "../../store/database";
import { channelKindOf, loadChannels, type ChannelRow } from "../channels/channels";

export interface PostContent {
  text: string;
  link: string | null;
  channelIds: string[];
  images: { id: string; altText: string }[];
}

/** The channel rows chosen, in the order chosen, or field errors for ids that are not this practice's. */
async function chosenChannels(
  db: Db,
  practiceId: string,
  ids: readonly string[],
  fields: Record<string, string>,
): Promise<ChannelRow[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) {
    fields.channelIds = "Choose at least one channel.";
    return [];
  }
  const all = await loadChannels(db, practiceId);
  const chosen = unique.map((id) => all.find((c) => c.id === id));
  if (chosen.some((c) => !c))
    fields.channelIds =
      "One of the channels chosen is not one of this practice's channels. Reload the page and choose again.";
  return chosen.filter((c): c is ChannelRow => !!c);
}

/** Whether every image id names one of this practice's uploaded images. */
async function imagesKnown(db: Db, practiceId: string, ids: readonly string[]): Promise<boolean> {
  if (!ids.length) return true;
  const wanted = [...new Set(ids)];
  if (!wanted.every(isUuid)) return false;
  const found = await db
    .selectFrom("post_images")
    .select("id")
    .where("practice_id", "=", practiceId)
    .where("id", "in", wanted)
    .execute();
  return found.length === wanted.length;
}

/** The preview of the post on one channel, with that channel's footer and limit. */
export function previewOn(
  content: Pick<PostContent, "text" | "link" | "images">,
  channel: ChannelRow,
): ChannelPreview {
  return previewFor(
    { text: content.text, link: content.link, imageCount: content.images.length },
    {
      kind: channelKindOf(channel),
      footer: channel.footer,
      mastodonMaxChars: channel.max_chars ?? undefined,
    },
  );
}

/**
 * Checks what a post would be saved as; throws one AppError naming every field at fault (nothing is written).
 * `forApproval` also asks for what a channel needs before it can be sent (Instagram's image).
 */
export async function checkContent(
  db: Db,
  practiceId: string,
  content: PostContent,
  forApproval: boolean,
): Promise<ChannelRow[]> {
  const fields: Record<string, string> = {};
  if (!content.text.trim()) fields.text = "Write the text of the post.";
  const channels = await chosenChannels(db, practiceId, content.channelIds, fields);
  if (
    !(await imagesKnown(
      db,
      practiceId,
      content.images.map((i) => i.id),
    ))
  )
    fields.images = "One of the images was not found. Upload it again.";
  if (!fields.text) {
    const tooLong: string[] = [];
    const needsImage: string[] = [];
    for (const c of channels) {
      for (const p of previewOn(content, c).problems) {
        if (p.code === "too-long") tooLong.push(p.message);
        else if (forApproval) needsImage.push(p.message);
      }
    }
    if (tooLong.length) fields.text = tooLong.join(" ");
    if (needsImage.length) fields.images = needsImage.join(" ");
  }
  const names = Object.keys(fields);
  if (names.length) {
    const message =
      names.length === 1
        ? fields[names[0]!]!
        : `There are ${names.length} things to correct: ${Object.values(fields).join(" ")}`;
    throw new AppError("invalid-input", message, fields);
  }
  return channels;
}
