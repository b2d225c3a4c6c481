// The incident register's endpoints, typed for the web app from the contracts (src/contracts/incidents.ts).
import type { z } from "zod";
import type * as contracts from "../../contracts";
import { request, uploadBody } from "../api";

export type IncidentSummary = z.infer<typeof contracts.incidentSummaryResponse>;
export type Incident = z.infer<typeof contracts.incidentResponse>;
export type ConcernInput = z.input<typeof contracts.concernRequest>;
export type OpenIncidentInput = z.input<typeof contracts.openIncidentRequest>;
export type DisciplinaryStepInput = z.input<typeof contracts.disciplinaryStepRequest>;

const base = (practiceId: string) => `/api/practices/${encodeURIComponent(practiceId)}/incidents`;
const one = (practiceId: string, id: string) => `${base(practiceId)}/${encodeURIComponent(id)}`;

export const incidentsApi = {
  list: (practiceId: string) =>
    request<z.infer<typeof contracts.incidentListResponse>>("GET", base(practiceId)),
  report: (practiceId: string, input: ConcernInput) =>
    request<z.infer<typeof contracts.concernResponse>>("POST", `${base(practiceId)}/concerns`, input),
  open: (practiceId: string, input: OpenIncidentInput) => request<Incident>("POST", base(practiceId), input),
  get: (practiceId: string, id: string) => request<Incident>("GET", one(practiceId, id)),
  update: (practiceId: string, id: string, input: z.input<typeof contracts.updateIncidentRequest>) =>
    request<Incident>("PATCH", one(practiceId, id), input),
  addAction: (practiceId: string, id: string, note: string) =>
    request<Incident>("POST", `${one(practiceId, id)}/actions`, { note }),
  breach: (
    practiceId: string,
    id: string,
    part: "aware-at" | "grading" | "decision" | "people-told" | "report-fields",
    body: unknown,
  ) => request<Incident>("PUT", `${one(practiceId, id)}/breach/${part}`, body),
  openDisciplinary: (
    practiceId: string,
    id: string,
    body: z.input<typeof contracts.openDisciplinaryRequest>,
  ) => request<Incident>("POST", `${one(practiceId, id)}/disciplinary`, body),
  uploadEvidence: (practiceId: string, id: string, file: File) =>
    uploadBody<z.infer<typeof contracts.evidenceResponse>>(
      `${one(practiceId, id)}/evidence?name=${encodeURIComponent(file.name)}`,
      file,
    ),
  evidencePath: (practiceId: string, id: string, evidenceId: string) =>
    `${one(practiceId, id)}/evidence/${encodeURIComponent(evidenceId)}`,
  dsptReportPath: (practiceId: string, id: string) => `${one(practiceId, id)}/breach/report.pdf`,
  letterPath: (practiceId: string, id: string, letter: string, format: "pdf" | "docx") =>
    `${one(practiceId, id)}/disciplinary/letters/${encodeURIComponent(letter)}?format=${format}`,
  step: (practiceId: string, id: string, body: DisciplinaryStepInput) =>
    request<Incident>("POST", `${one(practiceId, id)}/disciplinary/steps`, body),
};
