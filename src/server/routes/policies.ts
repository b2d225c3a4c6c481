import type { FastifyReply } from "fastify";
import { z } from "zod";
import { AppError } from "../../core/errors";
import {
  acknowledgePolicy,
  acknowledgementCsv,
  acknowledgementStatus,
  addComment,
  answerComment,
  addDraftClause,
  addDraftSection,
  approveVersion,
  chaseAcknowledgements,
  changesSinceAcknowledged,
  authorizeOnPolicy,
  createDraft,
  diffVersions,
  discardDraft,
  evidenceRecord,
  listVersions,
  loadPractice,
  loadVersion,
  moveDraftClause,
  policySummary,
  publishVersion,
  publishedPolicy,
  recordStaffRepDecision,
  removeDraftClause,
  removeDraftSection,
  renameDraftSection,
  requestChanges,
  saveClause,
  saveDraft,
  setReviewDate,
  startConsultation,
  versionView,
} from "../../app/policy";
import { evidencePdf, policyPdf } from "../../exports/policy-pdf";
import { policyDocx } from "../../exports/policy-docx";
import { policyFileName } from "../../exports/format";
import { embedSnippet } from "../public/policy-page";
import { requireMember } from "../auth";
import { parse } from "../validate";
import { practiceParams } from "../../contracts/common";
import {
  policyClauseParams as clauseParams,
  policySectionParams as sectionParams,
  policyVersionParams as versionParams,
} from "../../contracts/policy";
import type { RouteModule } from "./index";
import { CSV, DOCX, PDF, sendDownload } from "../download";

const base = "/api/practices/:practiceId/policy";
const exportQuery = z.object({ version: z.string().max(100).optional() });

const etag = (revision: number): string => `"rev-${revision}"`;

/** The revision an editor started from: the body's `revision`, or an If-Match ETag ("rev-N"). */
function withRevision(input: unknown, ifMatch: string | undefined): unknown {
  const body = input ?? {};
  if (typeof body !== "object" || Array.isArray(body)) return body;
  if ("revision" in body || !ifMatch) return body;
  const m = /^(?:W\/)?"rev-(\d+)"$/.exec(ifMatch.trim());
  if (!m) throw new AppError("invalid-input", 'If-Match should be the ETag you read, like "rev-3".');
  return { ...body, revision: Number(m[1]) };
}

/** The practice's policy: drafts, consultation, approval, publication, acknowledgement, review, exports. */
export const policyRoutes: RouteModule = (app, ctx) => {
  app.get(`${base}/summary`, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId);
    const practice = await loadPractice(ctx.db, practiceId);
    const publicUrl = `${ctx.baseUrl}/p/${practice.slug}/social-media-policy`;
    const summary = await policySummary(ctx, practiceId, me.userId);
    // The JSON feed and the embed snippet are for whoever looks after the website: admins only.
    const developer = summary.allowed.includes("view-developer-links");
    return {
      ...summary,
      links: {
        page: publicUrl,
        ...(developer
          ? {
              json: `${publicUrl}.json`,
              embed: `${publicUrl}/embed`,
              embedSnippet: embedSnippet(ctx.baseUrl, practice.slug, practice.name),
            }
          : {}),
      },
    };
  });

  app.get(`${base}/versions`, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    await requireMember(ctx, req, practiceId);
    return { versions: await listVersions(ctx.db, practiceId) };
  });

  app.get(`${base}/versions/:versionId`, async (req, reply) => {
    const p = parse(versionParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    const view = await versionView(ctx, p.practiceId, p.versionId, me.userId);
    void reply.header("etag", etag(view.revision));
    return view;
  });

  app.post(`${base}/drafts`, async (req, reply) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId);
    const v = await createDraft(ctx, practiceId, me, parse(z.object({}).passthrough(), req.body));
    return reply
      .status(201)
      .header("etag", etag(v.revision))
      .send(await versionView(ctx, practiceId, v.id, me.userId));
  });

  app.put(`${base}/versions/:versionId`, async (req, reply) => {
    const p = parse(versionParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    const v = await saveDraft(
      ctx,
      p.practiceId,
      p.versionId,
      me,
      withRevision(req.body, req.headers["if-match"]),
    );
    return reply.header("etag", etag(v.revision)).send(await versionView(ctx, p.practiceId, v.id, me.userId));
  });

  app.put(`${base}/versions/:versionId/clauses/:clauseKey`, async (req, reply) => {
    const p = parse(clauseParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    const v = await saveClause(
      ctx,
      p.practiceId,
      p.versionId,
      p.clauseKey,
      me,
      withRevision(req.body, req.headers["if-match"]),
    );
    return reply.header("etag", etag(v.revision)).send(await versionView(ctx, p.practiceId, v.id, me.userId));
  });

  // Structural edits to a draft (admin): each sends its revision (body or If-Match) and answers the new view.
  const edited = async (
    reply: FastifyReply,
    practiceId: string,
    v: { id: string; revision: number },
    viewerId: string,
    status = 200,
  ) =>
    reply
      .status(status)
      .header("etag", etag(v.revision))
      .send(await versionView(ctx, practiceId, v.id, viewerId));

  app.post(`${base}/versions/:versionId/clauses`, async (req, reply) => {
    const p = parse(versionParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    const r = await addDraftClause(
      ctx,
      p.practiceId,
      p.versionId,
      me,
      withRevision(req.body, req.headers["if-match"]),
    );
    return edited(
      reply.header("location", `${base}/versions/${r.version.id}/clauses/${r.clauseKey}`),
      p.practiceId,
      r.version,
      me.userId,
      201,
    );
  });

  app.delete(`${base}/versions/:versionId/clauses/:clauseKey`, async (req, reply) => {
    const p = parse(clauseParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    const v = await removeDraftClause(
      ctx,
      p.practiceId,
      p.versionId,
      p.clauseKey,
      me,
      withRevision(req.body, req.headers["if-match"]),
    );
    return edited(reply, p.practiceId, v, me.userId);
  });

  app.post(`${base}/versions/:versionId/clauses/:clauseKey/move`, async (req, reply) => {
    const p = parse(clauseParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    const v = await moveDraftClause(
      ctx,
      p.practiceId,
      p.versionId,
      p.clauseKey,
      me,
      withRevision(req.body, req.headers["if-match"]),
    );
    return edited(reply, p.practiceId, v, me.userId);
  });

  app.post(`${base}/versions/:versionId/sections`, async (req, reply) => {
    const p = parse(versionParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    const r = await addDraftSection(
      ctx,
      p.practiceId,
      p.versionId,
      me,
      withRevision(req.body, req.headers["if-match"]),
    );
    return edited(reply, p.practiceId, r.version, me.userId, 201);
  });

  app.put(`${base}/versions/:versionId/sections/:sectionKey`, async (req, reply) => {
    const p = parse(sectionParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    const v = await renameDraftSection(
      ctx,
      p.practiceId,
      p.versionId,
      p.sectionKey,
      me,
      withRevision(req.body, req.headers["if-match"]),
    );
    return edited(reply, p.practiceId, v, me.userId);
  });

  app.delete(`${base}/versions/:versionId/sections/:sectionKey`, async (req, reply) => {
    const p = parse(sectionParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    const v = await removeDraftSection(
      ctx,
      p.practiceId,
      p.versionId,
      p.sectionKey,
      me,
      withRevision(req.body, req.headers["if-match"]),
    );
    return edited(reply, p.practiceId, v, me.userId);
  });

  app.post(`${base}/versions/:versionId/consultation`, async (req) => {
    const p = parse(versionParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    await startConsultation(ctx, p.practiceId, p.versionId, me, req.body ?? {});
    return versionView(ctx, p.practiceId, p.versionId, me.userId);
  });

  app.post(`${base}/versions/:versionId/comments`, async (req, reply) => {
    const p = parse(versionParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    const c = await addComment(ctx, p.practiceId, p.versionId, me, req.body);
    return reply.status(201).send(c);
  });

  app.patch(`${base}/versions/:versionId/comments/:commentId`, async (req) => {
    const p = parse(versionParams.extend({ commentId: z.string().max(100) }), req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    await answerComment(ctx, p.practiceId, p.versionId, p.commentId, me, req.body);
    return versionView(ctx, p.practiceId, p.versionId, me.userId);
  });

  app.post(`${base}/versions/:versionId/request-changes`, async (req, reply) => {
    const p = parse(versionParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    await requestChanges(ctx, p.practiceId, p.versionId, me, req.body);
    return reply.status(201).send(await versionView(ctx, p.practiceId, p.versionId, me.userId));
  });

  app.post(`${base}/versions/:versionId/staff-rep`, async (req) => {
    const p = parse(versionParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    await recordStaffRepDecision(ctx, p.practiceId, p.versionId, me, req.body);
    return versionView(ctx, p.practiceId, p.versionId, me.userId);
  });

  app.post(`${base}/versions/:versionId/approve`, async (req) => {
    const p = parse(versionParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    await approveVersion(ctx, p.practiceId, p.versionId, me);
    return versionView(ctx, p.practiceId, p.versionId, me.userId);
  });

  app.post(`${base}/versions/:versionId/publish`, async (req) => {
    const p = parse(versionParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    await publishVersion(ctx, p.practiceId, p.versionId, me, req.body ?? {});
    return versionView(ctx, p.practiceId, p.versionId, me.userId);
  });

  app.post(`${base}/versions/:versionId/discard`, async (req) => {
    const p = parse(versionParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    await discardDraft(ctx, p.practiceId, p.versionId, me);
    return { discarded: true };
  });

  app.post(`${base}/versions/:versionId/acknowledge`, async (req) => {
    const p = parse(versionParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    const a = await acknowledgePolicy(ctx, p.practiceId, p.versionId, me);
    return { acknowledgedAt: a.acknowledgedAt.toISOString() };
  });

  app.get(`${base}/diff`, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    await requireMember(ctx, req, practiceId);
    const q = parse(
      z.object({
        from: z.string().min(1, "Choose the earlier version.").max(100),
        to: z.string().min(1, "Choose the later version.").max(100),
      }),
      req.query,
    );
    return diffVersions(ctx.db, practiceId, q.from, q.to);
  });

  // What changed since the version I last acknowledged: read before the full text of a new major version.
  app.get(`${base}/changes-since-acknowledged`, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId);
    return { changes: await changesSinceAcknowledged(ctx, practiceId, me.userId) };
  });

  app.get(`${base}/acknowledgements`, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId);
    await authorizeOnPolicy(ctx.db, practiceId, me, "view-acknowledgements");
    return { status: await acknowledgementStatus(ctx.db, practiceId) };
  });

  app.post(`${base}/acknowledgements/chase`, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId);
    return chaseAcknowledgements(ctx, practiceId, me);
  });

  app.get(`${base}/acknowledgements.csv`, async (req, reply) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId);
    await authorizeOnPolicy(ctx.db, practiceId, me, "view-acknowledgements");
    const status = await acknowledgementStatus(ctx.db, practiceId);
    if (!status)
      throw new AppError("conflict", "There is no published policy yet, so there is nothing to acknowledge.");
    const practice = await loadPractice(ctx.db, practiceId);
    return sendDownload(reply, {
      type: CSV,
      filename: `${practice.slug}-policy-acknowledgements-${status.version}.csv`,
      body: acknowledgementCsv(status),
    });
  });

  app.put(`${base}/review-date`, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId);
    const v = await setReviewDate(ctx, practiceId, me, req.body);
    return { reviewDue: v.review_due };
  });

  const exportOf = async (practiceId: string, version: string | undefined) => {
    const practice = await loadPractice(ctx.db, practiceId);
    if (version) {
      const v = await loadVersion(ctx.db, practiceId, version);
      if (!v.published_at) throw new AppError("conflict", "Only published versions can be exported.");
    }
    const p = await publishedPolicy(ctx, practice, version ? { versionId: version } : {});
    if (!p) throw new AppError("conflict", "There is no published policy to export yet.");
    return p;
  };

  app.get(`${base}/export.pdf`, async (req, reply) => {
    const { practiceId } = parse(practiceParams, req.params);
    await requireMember(ctx, req, practiceId);
    const p = await exportOf(practiceId, parse(exportQuery, req.query).version);
    return sendDownload(reply, {
      type: PDF,
      filename: policyFileName(p.practice.slug, p.version, "pdf"),
      body: await policyPdf(p),
    });
  });

  app.get(`${base}/export.docx`, async (req, reply) => {
    const { practiceId } = parse(practiceParams, req.params);
    await requireMember(ctx, req, practiceId);
    const p = await exportOf(practiceId, parse(exportQuery, req.query).version);
    return sendDownload(reply, {
      type: DOCX,
      filename: policyFileName(p.practice.slug, p.version, "docx"),
      body: await policyDocx(p),
    });
  });

  app.get(`${base}/evidence.pdf`, async (req, reply) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId);
    await authorizeOnPolicy(ctx.db, practiceId, me, "export-evidence");
    const e = await evidenceRecord(ctx, practiceId, parse(exportQuery, req.query).version, me.userId);
    return sendDownload(reply, {
      type: PDF,
      filename: policyFileName(e.policy.practice.slug, e.policy.version, "pdf", "-evidence"),
      body: await evidencePdf(e),
    });
  });
};
