import type { FastifyReply } from "fastify";
import { z } from "zod";
import {
  MAX_UPLOAD_BYTES,
  memberImagePath,
  readPostImage,
  readSignedImage,
  tooLarge,
  uploadPostImage,
  type StoredImage,
} from "../../app/posts/images";
import { AppError } from "../../core/errors";
import { requireMember } from "../auth";
import { parse } from "../validate";
import type { RouteModule } from "./index";

const practiceParams = z.object({ practiceId: z.string() });
const imageParams = z.object({ practiceId: z.string(), imageId: z.string().max(100) });
const signedParams = z.object({ file: z.string().max(100) });
const signedQuery = z.object({
  expires: z.string().max(20).optional(),
  signature: z.string().max(128).optional(),
});

function sendImage(reply: FastifyReply, image: StoredImage & { bytes: Buffer }, cacheControl: string) {
  return reply
    .type(image.mimeType)
    .header("etag", `"${image.sha256}"`)
    .header("cache-control", cacheControl)
    .send(image.bytes);
}

/**
 * Images for practice posts: upload (the file's bytes as the body, whatever it is called or claims to be),
 * viewing by the practice's members, and the signed, expiring public address platforms fetch images from.
 */
export const postImageRoutes: RouteModule = (app, ctx) => {
  // The upload takes the raw file, so it lives in a scope of its own where every body is read as bytes.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    // A declared length over the limit gets the image's own plain answer before anything is read.
    scope.addHook("onRequest", async (req) => {
      const length = Number(req.headers["content-length"] ?? 0);
      if (length > MAX_UPLOAD_BYTES) throw tooLarge();
    });
    scope.post(
      "/api/practices/:practiceId/post-images",
      { bodyLimit: MAX_UPLOAD_BYTES },
      async (req, reply) => {
        const { practiceId } = parse(practiceParams, req.params);
        const me = await requireMember(ctx, req, practiceId, "upload-post-images");
        if (!Buffer.isBuffer(req.body))
          throw new AppError("invalid-input", "Please send the image file itself as the request body.", {
            image: "Choose an image.",
          });
        const image = await uploadPostImage(ctx, practiceId, me, req.body);
        return reply.status(201).send({
          id: image.id,
          url: memberImagePath(practiceId, image.id),
          mimeType: image.mimeType,
          width: image.width,
          height: image.height,
          size: image.size,
          sha256: image.sha256,
        });
      },
    );
  });

  app.get("/api/practices/:practiceId/post-images/:imageId", async (req, reply) => {
    const p = parse(imageParams, req.params);
    await requireMember(ctx, req, p.practiceId, "view");
    const image = await readPostImage(ctx.db, p.practiceId, p.imageId);
    // An image never changes under its id; only the practice's members may see it before it is published.
    return sendImage(reply, image, "private, max-age=86400, immutable");
  });

  // Public: for platforms that fetch images themselves (Instagram). Any fault in the address answers 404 alike.
  app.get("/media/post-images/:file", async (req, reply) => {
    const { file } = parse(signedParams, req.params);
    const q = parse(signedQuery, req.query);
    const image = await readSignedImage(ctx, file, q.expires, q.signature);
    // Plain text: whoever fetches this is a platform's server, not a person or safepost's own pages.
    if (!image) return reply.status(404).type("text/plain; charset=utf-8").send("Not found");
    // The platform's servers fetch it from their own origin.
    reply.header("cross-origin-resource-policy", "cross-origin");
    return sendImage(reply, image, "public, max-age=300");
  });
};
