import { createHash, timingSafeEqual } from "node:crypto";
import sharp from "sharp";
import { AppError, notFound } from "../../core/errors";
import { isUuid } from "../../core/ids";
import type { OutgoingImage } from "../../channels/adapter";
import { appendAudit } from "../audit/audit-log";
import { secretsOf } from "../auth/secret-box";
import type { AppContext } from "../context";

/** The largest file a practice may upload (before it is resized). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** The longest edge an image keeps: plenty for every platform, and small enough to store and send. */
export const MAX_EDGE = 2048;
/** Decoded pixels an upload may have (a small file can claim a huge canvas; this stops it exhausting memory). */
const MAX_INPUT_PIXELS = 100_000_000;
/** How long a signed public image address works (a platform fetches the image within moments of publishing). */
export const SIGNED_URL_SECONDS = 60 * 60;

export type ImageMimeType = OutgoingImage["mimeType"];

/** The three formats safepost accepts, by what sharp reads in the file's own bytes. */
const FORMATS = {
  jpeg: { mimeType: "image/jpeg", ext: "jpg" },
  png: { mimeType: "image/png", ext: "png" },
  webp: { mimeType: "image/webp", ext: "webp" },
} as const satisfies Record<string, { mimeType: ImageMimeType; ext: string }>;
type Format = keyof typeof FORMATS;

const EXTENSIONS: Record<ImageMimeType, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
};

export interface StoredImage {
  id: string;
  mimeType: ImageMimeType;
  width: number;
  height: number;
  size: number;
  sha256: string;
}

const notAnImage = () =>
  new AppError(
    "invalid-input",
    "That file is not a photo or picture safepost can use. Please choose a JPEG, PNG or WebP image.",
    { image: "Choose a JPEG, PNG or WebP image." },
  );

export const tooLarge = () =>
  new AppError(
    "payload-too-large",
    "That image is larger than 20 MB. Please choose a smaller one, or save it at a lower quality first.",
    { image: "Choose an image of 20 MB or less." },
  );

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/**
 * Reads the image's format from its own bytes (never its name or the Content-Type it came with), turns it
 * upright, shrinks it to MAX_EDGE and writes it again in the same format without any metadata: no EXIF (so no
 * GPS position, camera serial or date taken), no XMP, no IPTC, no comments; colours are converted to sRGB.
 */
export async function prepareImage(input: Uint8Array): Promise<{
  bytes: Buffer;
  mimeType: ImageMimeType;
  width: number;
  height: number;
}> {
  if (input.length === 0)
    throw new AppError("invalid-input", "That file is empty. Please choose the image again.", {
      image: "The file is empty.",
    });
  if (input.length > MAX_UPLOAD_BYTES) throw tooLarge();
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" } as const;
  let format: Format;
  try {
    const meta = await sharp(input, options).metadata();
    if (!(meta.format in FORMATS)) throw notAnImage();
    format = meta.format as Format;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw /pixel limit/i.test(String((err as Error).message))
      ? new AppError(
          "invalid-input",
          "That image has too many pixels to handle. Please choose a smaller one (under 100 megapixels).",
          { image: "The image has too many pixels." },
        )
      : notAnImage();
  }
  try {
    // sharp writes no metadata unless asked to (withMetadata / keepExif): what comes out is pixels only.
    const pipeline = sharp(input, options)
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: "inside", withoutEnlargement: true });
    const encoded =
      format === "jpeg"
        ? pipeline.jpeg({ quality: 85, mozjpeg: true })
        : format === "png"
          ? pipeline.png({ compressionLevel: 9 })
          : pipeline.webp({ quality: 85 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { bytes: data, mimeType: FORMATS[format].mimeType, width: info.width, height: info.height };
  } catch {
    // The header was readable but the picture inside is damaged.
    throw notAnImage();
  }
}

/** Checks, resizes and strips an uploaded image, then stores it for the practice (audited, in one transaction). */
export async function uploadPostImage(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string },
  input: Uint8Array,
): Promise<StoredImage> {
  const image = await prepareImage(input);
  const hash = sha256(image.bytes);
  const at = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("post_images")
      .values({
        practice_id: practiceId,
        uploaded_by: actor.userId,
        sha256: hash,
        mime_type: image.mimeType,
        width: image.width,
        height: image.height,
        size: image.bytes.length,
        bytes: image.bytes,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: "post-image.uploaded",
        targetType: "post-image",
        targetId: row.id,
        details: { mimeType: image.mimeType, width: image.width, height: image.height },
      },
      at,
    );
    return {
      id: row.id,
      mimeType: image.mimeType,
      width: image.width,
      height: image.height,
      size: image.bytes.length,
      sha256: hash,
    };
  });
}

/** One of the practice's images with its bytes; another practice's id (or a malformed one) is "not found". */
export async function readPostImage(
  db: AppContext["db"],
  practiceId: string,
  imageId: string,
): Promise<StoredImage & { bytes: Buffer }> {
  if (!isUuid(imageId)) throw notFound("That image");
  const row = await db
    .selectFrom("post_images")
    .select(["id", "mime_type", "width", "height", "size", "sha256", "bytes"])
    .where("practice_id", "=", practiceId)
    .where("id", "=", imageId)
    .executeTakeFirst();
  if (!row) throw notFound("That image");
  return {
    id: row.id,
    mimeType: row.mime_type as ImageMimeType,
    width: row.width,
    height: row.height,
    size: row.size,
    sha256: row.sha256,
    bytes: Buffer.from(row.bytes),
  };
}

/** The address signed-in members load an image from (the compose and post pages). */
export const memberImagePath = (practiceId: string, imageId: string): string =>
  `/api/practices/${practiceId}/post-images/${imageId}`;

// Signed public addresses: /media/post-images/<id>.<ext>?expires=<unix seconds>&signature=<hmac>. The HMAC key
// is derived from the installation's secret key (src/app/auth/secret-box.ts), so no one can mint an address,
// and the expiry is inside what is signed, so no one can lengthen one.
const signedPayload = (imageId: string, expires: number): string => `post-image-url:v1:${imageId}:${expires}`;

/**
 * A public address for one image that works for `seconds` (for platforms that fetch images themselves). It
 * names a JPEG whatever the stored format: Instagram, the platform that fetches, publishes JPEG only.
 */
export function signedImageUrl(
  ctx: Pick<AppContext, "baseUrl" | "secretKey" | "now">,
  image: { id: string; mimeType: ImageMimeType },
  seconds = SIGNED_URL_SECONDS,
): string {
  const expires = Math.floor(ctx.now().getTime() / 1000) + seconds;
  const signature = secretsOf(ctx as AppContext).mac(signedPayload(image.id, expires));
  return `${ctx.baseUrl}/media/post-images/${image.id}.jpg?expires=${expires}&signature=${signature}`;
}

/** A PNG or WebP as a JPEG (transparency on white), written without metadata like every stored image. */
async function asJpeg(bytes: Buffer): Promise<Buffer> {
  return sharp(bytes).flatten({ background: "#ffffff" }).jpeg({ quality: 90, mozjpeg: true }).toBuffer();
}

/**
 * The image a signed public address names, or null when the address is malformed, tampered with or expired
 * (the route answers 404 to all three alike, so the answer tells a stranger nothing).
 */
export async function readSignedImage(
  ctx: AppContext,
  file: string,
  expires: string | undefined,
  signature: string | undefined,
): Promise<(StoredImage & { bytes: Buffer }) | null> {
  const m = /^([0-9a-f-]{36})\.(jpg|png|webp)$/.exec(file);
  if (!m || !expires || !signature || !/^\d{1,12}$/.test(expires) || !/^[0-9a-f]{64}$/.test(signature))
    return null;
  const [, imageId, ext] = m as unknown as [string, string, string];
  if (!isUuid(imageId)) return null;
  const expected = Buffer.from(secretsOf(ctx).mac(signedPayload(imageId, Number(expires))), "hex");
  if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) return null;
  if (Number(expires) * 1000 <= ctx.now().getTime()) return null;
  const row = await ctx.db
    .selectFrom("post_images")
    .select(["id", "practice_id", "mime_type", "width", "height", "size", "sha256", "bytes"])
    .where("id", "=", imageId)
    .executeTakeFirst();
  if (!row) return null;
  const stored = row.mime_type as ImageMimeType;
  // The stored format, or a JPEG made from it (what signedImageUrl names).
  if (EXTENSIONS[stored] !== ext && ext !== "jpg") return null;
  const image = {
    id: row.id,
    mimeType: stored,
    width: row.width,
    height: row.height,
    size: row.size,
    sha256: row.sha256,
    bytes: Buffer.from(row.bytes),
  };
  if (EXTENSIONS[stored] === ext) return image;
  const bytes = await asJpeg(image.bytes);
  return { ...image, mimeType: "image/jpeg", size: bytes.length, sha256: sha256(bytes), bytes };
}

/**
 * The images of one post as the publishing job sends them, in the order given, each with the alt text the post
 * holds for it and a signed public address. An id the practice does not own is refused: nothing is sent.
 */
export async function loadOutgoingImages(
  ctx: Pick<AppContext, "db" | "baseUrl" | "secretKey" | "now">,
  practiceId: string,
  imageIds: readonly string[],
  altTexts: readonly string[],
): Promise<OutgoingImage[]> {
  if (imageIds.length === 0) return [];
  if (altTexts.length !== imageIds.length)
    throw new Error("loadOutgoingImages: one alt text is needed for each image");
  const wanted = [...new Set(imageIds)];
  if (!wanted.every(isUuid)) throw notFound("An image of this post");
  const rows = await ctx.db
    .selectFrom("post_images")
    .select(["id", "mime_type", "sha256", "bytes"])
    .where("practice_id", "=", practiceId)
    .where("id", "in", wanted)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return imageIds.map((id, i) => {
    const row = byId.get(id);
    if (!row) throw notFound("An image of this post");
    const mimeType = row.mime_type as ImageMimeType;
    return {
      bytes: new Uint8Array(row.bytes),
      mimeType,
      altText: altTexts[i]!,
      publicUrl: signedImageUrl(ctx, { id, mimeType }),
      sha256: row.sha256,
    };
  });
}
