import { z } from "zod";
import { check } from "../../core/checker/index";
import { CHECK_MAX_CHARS, tooLongMessage } from "../../core/checker/limits";
import { AppError } from "../../core/errors";
import { cachedPracticeProfile } from "../../app/checker/cached-profile";
import { checkInPractice } from "../../app/checker/check-in-practice";
import { requireMember, requireUser } from "../auth";
import { parse } from "../validate";
import type { RouteModule } from "./index";

const body = z.object({
  text: z.string({ error: "Please give the text to check." }),
  context: z.enum(["personal", "practice", "comment"]).optional(),
  author: z.object({ onSickLeave: z.boolean().optional() }).optional(),
  practiceId: z.string().optional(),
});

/**
 * POST /api/check: the checker over HTTP, with the practice's own names, places and numbers when practiceId is
 * given (that run is counted by rule when the practice keeps the checker's monthly counts).
 */
export const checkRoutes: RouteModule = (app, ctx) => {
  // What the in-browser checker needs to check as the practice would: its names, places, numbers and clauses.
  app.get("/api/practices/:practiceId/checker-profile", async (req) => {
    const { practiceId } = parse(z.object({ practiceId: z.string() }), req.params);
    await requireMember(ctx, req, practiceId, "use-checker");
    return cachedPracticeProfile(ctx, practiceId);
  });

  // The body holds the longest checkable text even with every character sent escaped (6 bytes each, \uXXXX).
  const bodyLimit = CHECK_MAX_CHARS * 6 + 64 * 1024;
  app.post("/api/check", { bodyLimit }, async (req) => {
    requireUser(req);
    const input = parse(body, req.body);
    const tooLong = tooLongMessage(input.text.length);
    if (tooLong) throw new AppError("payload-too-large", tooLong);
    const request = {
      text: input.text,
      context: input.context ?? "personal",
      author: { onSickLeave: input.author?.onSickLeave === true },
    };
    if (!input.practiceId) return check(request);
    await requireMember(ctx, req, input.practiceId, "use-checker");
    return checkInPractice(ctx, input.practiceId, request);
  });
};
