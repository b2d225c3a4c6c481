import { z } from "zod";
import { archiveQuery, listArchive } from "../../app/posts/archive";
import { loadPractice } from "../../app/policy/policy-store";
import { archiveCsv, archivePdf } from "../../exports/posts-archive";
import { requireMember } from "../auth";
import { CSV, PDF, sendDownload } from "../download";
import { parse } from "../validate";
import type { RouteModule } from "./index";

const practiceParams = z.object({ practiceId: z.string() });

/** The archive of published posts, as CSV and PDF, for the members who may see the practice's posts. */
export const postsArchiveRoutes: RouteModule = (app, ctx) => {
  app.get("/api/practices/:practiceId/posts/archive.csv", async (req, reply) => {
    const { practiceId } = parse(practiceParams, req.params);
    await requireMember(ctx, req, practiceId, "view-posts");
    const { q } = parse(archiveQuery, req.query);
    const practice = await loadPractice(ctx.db, practiceId);
    const entries = await listArchive(ctx.db, practiceId, q ?? "");
    return sendDownload(reply, {
      type: CSV,
      filename: `${practice.slug}-published-posts.csv`,
      body: archiveCsv(entries),
    });
  });

  app.get("/api/practices/:practiceId/posts/archive.pdf", async (req, reply) => {
    const { practiceId } = parse(practiceParams, req.params);
    await requireMember(ctx, req, practiceId, "view-posts");
    const { q } = parse(archiveQuery, req.query);
    const practice = await loadPractice(ctx.db, practiceId);
    const entries = await listArchive(ctx.db, practiceId, q ?? "");
    return sendDownload(reply, {
      type: PDF,
      filename: `${practice.slug}-published-posts.pdf`,
      body: await archivePdf(practice.name, entries, { generatedAt: ctx.now(), query: q ?? "" }),
    });
  });
};
