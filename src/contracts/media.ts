// Post images and the archive of published posts (issue 9): the bodies and answers that are not JSON are
// described by their media types (Endpoint.rawBody / Endpoint.produces).
import { z } from "zod";
import { practiceParams } from "./common";

export const postImageParams = practiceParams.extend({ imageId: z.string() });

/** The answer to an image upload: the stored image, checked, resized and stripped of metadata. */
export const postImageResponse = z
  .object({
    id: z.string(),
    /** Where signed-in members load it from. */
    url: z.string(),
    mimeType: z.enum(["image/jpeg", "image/png", "image/webp"]),
    width: z.number().int(),
    height: z.number().int(),
    size: z.number().int().meta({ description: "Bytes stored and sent" }),
    sha256: z.string().meta({ description: "The SHA-256 (hex) of exactly the bytes stored and sent" }),
  })
  .meta({ title: "PostImage" });

/** The archive's search: words in the text as published, the channel's name or kind, or the author's name. */
export const archiveQuery = z.object({
  q: z.string().trim().max(200, "Please search for 200 characters or fewer.").optional(),
});
