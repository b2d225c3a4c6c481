import type { z } from "zod";
import type { AppContext } from "../../app/context";
import {
  addIncidentAction,
  decideBreach,
  getIncident,
  gradeBreachCase,
  listIncidents,
  openDisciplinary,
  openIncident,
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
  gradingRequest,
  incidentActionRequest,
  incidentParams,
  openDisciplinaryRequest,
  openIncidentRequest,
  peopleToldRequest,
  reportFieldsRequest,
  updateIncidentRequest,
} from "../../contracts/incidents";
import { requireMember } from "../auth";
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
};
