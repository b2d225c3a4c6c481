import type { z } from "zod";
import type { AppContext } from "../../app/context";
import {
  addIncidentAction,
  breachReportOf,
  decideBreach,
  disciplinaryLetterOf,
  getIncident,
  gradeBreachCase,
  listIncidents,
  openDisciplinary,
  openIncident,
  readEvidence,
  uploadEvidence,
  recordPeopleTold,
  reportConcern,
  saveReportFields,
  setAwareAt,
  takeDisciplinaryStep,
  updateIncident,
} from "../../app/incidents";
import { practiceParams } from "../../contracts/common";
import {
  awareAtRequest,
  concernRequest,
  decisionRequest,
  disciplinaryStepRequest,
  documentFormatQuery,
  letterParams,
  evidenceParams,
  evidenceUploadQuery,
  gradingRequest,
  incidentActionRequest,
  incidentParams,
  openDisciplinaryRequest,
  openIncidentRequest,
  peopleToldRequest,
  reportFieldsRequest,
  updateIncidentRequest,
} from "../../contracts/incidents";
import { AppError } from "../../core/errors";
import { MAX_EVIDENCE_BYTES } from "../../core/incidents/evidence";
import { requireMember } from "../auth";
import { DOCX, PDF, sendDownload } from "../download";
import { dsptReportFileName, dsptReportPdf } from "../../exports/dspt-report";
import { letterDocx, letterFileName, letterPdf } from "../../exports/incident-letters";
import { parse } from "../validate";
import type { RouteModule } from "./index";

const base = "/api/practices/:practiceId/incidents";

/**
 * The incident register (issue 11). Each handler: member → validate → one use case → the case as it now reads.
 * Whoever may not see a case gets 404 from the use case, whatever they asked.
 */
export const incidentRoutes: RouteModule = (app, ctx) => {
  app.get(base, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "view-incidents");
    return listIncidents(ctx, practiceId, me);
  });

  app.post(`${base}/concerns`, async (req, reply) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "report-concern");
    return reply.status(201).send(await reportConcern(ctx, practiceId, me, parse(concernRequest, req.body)));
  });

  app.post(base, async (req, reply) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId, "open-incident");
    const incident = await openIncident(ctx, practiceId, me, parse(openIncidentRequest, req.body));
    return reply.status(201).send(await getIncident(ctx, practiceId, incident.id, me));
  });

  app.get(`${base}/:incidentId`, async (req) => {
    const p = parse(incidentParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    return getIncident(ctx, p.practiceId, p.incidentId, me);
  });

  app.patch(`${base}/:incidentId`, async (req) => {
    const p = parse(incidentParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    await updateIncident(ctx, p.practiceId, p.incidentId, me, parse(updateIncidentRequest, req.body));
    return getIncident(ctx, p.practiceId, p.incidentId, me);
  });

  app.post(`${base}/:incidentId/actions`, async (req) => {
    const p = parse(incidentParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    await addIncidentAction(ctx, p.practiceId, p.incidentId, me, parse(incidentActionRequest, req.body));
    return getIncident(ctx, p.practiceId, p.incidentId, me);
  });

  const breach = <S extends z.ZodType>(
    path: string,
    schema: S,
    run: (
      c: AppContext,
      practiceId: string,
      incidentId: string,
      me: { userId: string },
      input: z.infer<S>,
    ) => Promise<void>,
  ) =>
    app.put(`${base}/:incidentId/breach/${path}`, async (req) => {
      const p = parse(incidentParams, req.params);
      const me = await requireMember(ctx, req, p.practiceId);
      await run(ctx, p.practiceId, p.incidentId, me, parse(schema, req.body));
      return getIncident(ctx, p.practiceId, p.incidentId, me);
    });
  breach("aware-at", awareAtRequest, setAwareAt);
  breach("grading", gradingRequest, gradeBreachCase);
  breach("decision", decisionRequest, decideBreach);
  breach("people-told", peopleToldRequest, recordPeopleTold);
  breach("report-fields", reportFieldsRequest, saveReportFields);

  app.post(`${base}/:incidentId/disciplinary`, async (req) => {
    const p = parse(incidentParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    await openDisciplinary(ctx, p.practiceId, p.incidentId, me, parse(openDisciplinaryRequest, req.body));
    return getIncident(ctx, p.practiceId, p.incidentId, me);
  });

  app.post(`${base}/:incidentId/disciplinary/steps`, async (req) => {
    const p = parse(incidentParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    await takeDisciplinaryStep(ctx, p.practiceId, p.incidentId, me, parse(disciplinaryStepRequest, req.body));
    return getIncident(ctx, p.practiceId, p.incidentId, me);
  });

  // Evidence: the raw file as the body, in a scope of its own where every body is read as bytes.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      "*",
      { parseAs: "buffer", bodyLimit: MAX_EVIDENCE_BYTES },
      (_req, body, done) => done(null, body),
    );
    const tooLarge = () =>
      new AppError(
        "payload-too-large",
        "The file is larger than 20 MB. Send a smaller copy or a screenshot.",
        {
          file: "Choose a file of 20 MB or less",
        },
      );
    scope.addHook("onRequest", async (req) => {
      if (Number(req.headers["content-length"] ?? 0) > MAX_EVIDENCE_BYTES) throw tooLarge();
    });
    scope.post(`${base}/:incidentId/evidence`, { bodyLimit: MAX_EVIDENCE_BYTES }, async (req, reply) => {
      const p = parse(incidentParams, req.params);
      const { name } = parse(evidenceUploadQuery, req.query);
      const me = await requireMember(ctx, req, p.practiceId);
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      return reply.status(201).send(await uploadEvidence(ctx, p.practiceId, p.incidentId, me, bytes, name));
    });
  });

  app.get(`${base}/:incidentId/evidence/:evidenceId`, async (req, reply) => {
    const p = parse(evidenceParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    const file = await readEvidence(ctx, p.practiceId, p.incidentId, p.evidenceId, me);
    return reply
      .type(file.mimeType)
      .header("content-disposition", `attachment; filename="${file.fileName.replace(/[^\w.\- ]/g, "_")}"`)
      .header("cache-control", "private, no-store")
      .header("x-content-type-options", "nosniff")
      .send(file.bytes);
  });

  app.get(`${base}/:incidentId/disciplinary/letters/:letter`, async (req, reply) => {
    const me = await requireMember(ctx, req, parse(incidentParams, req.params).practiceId);
    const p = parse(letterParams, req.params);
    const { format } = parse(documentFormatQuery, req.query);
    const l = await disciplinaryLetterOf(ctx, p.practiceId, p.incidentId, me, p.letter);
    return sendDownload(reply.header("cache-control", "private, no-store"), {
      type: format === "pdf" ? PDF : DOCX,
      filename: letterFileName(l.practiceSlug, l.caseNumber, l.letter, format),
      body: format === "pdf" ? await letterPdf(l.letter) : await letterDocx(l.letter),
    });
  });

  app.get(`${base}/:incidentId/breach/report.pdf`, async (req, reply) => {
    const p = parse(incidentParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId);
    const r = await breachReportOf(ctx, p.practiceId, p.incidentId, me);
    return sendDownload(reply.header("cache-control", "private, no-store"), {
      type: PDF,
      filename: dsptReportFileName(r),
      body: await dsptReportPdf(r),
    });
  });
};
