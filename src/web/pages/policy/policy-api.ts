// The policy endpoints, typed for the web app. The summary and version list are inferred from
// src/contracts/policy.ts; the other types still mirror src/app/policy/read-policy.ts until their contracts land.
import type { z } from "zod";
import type * as contracts from "../../../contracts";
import { request } from "../../api";
import { formatUkDate } from "../../../core/dates";
import type { ActionOf } from "../../../core/permissions";
import type {
  ClauseCommentCount,
  ClauseDiff,
  PolicyClause,
  PolicyDocument,
  RenderedSection,
} from "../../../core/policy";

/** The policy at a glance; `allowed` is what the member may do on the policy (buttons follow it only). */
export type PolicySummary = z.infer<typeof contracts.policySummaryResponse>;

/** One version's facts, without its document. */
export type VersionMeta = z.infer<typeof contracts.policyVersionMeta>;

export interface PolicyComment {
  id: string;
  clauseKey: string;
  clauseNumber: string | null;
  clauseNumberWhenWritten: string;
  clauseTitle: string;
  clauseRemoved: boolean;
  author: { id: string; name: string };
  body: string;
  createdAt: string;
  /** The editor's answer, if any, and whether the point is settled. */
  reply: { text: string; by: { id: string; name: string } | null; at: string | null } | null;
  resolved: boolean;
  resolvedAt: string | null;
}

export interface ChangeRequest {
  id: string;
  note: string;
  by: { id: string; name: string };
  revision: number;
  open: boolean;
  createdAt: string;
}

export interface VersionView extends VersionMeta {
  /** What the member may do on this version now (edit, approve, publish, …); buttons follow this list only. */
  allowed: ActionOf<"policy-version">[];
  practice: { id: string; name: string; slug: string };
  document: PolicyDocument;
  rendered: RenderedSection[];
  /** Every clause, with hot topics not in force today marked `notInForce` (for editors). */
  renderedAll: RenderedSection[];
  missingSettings: string[];
  comments: PolicyComment[];
  commentSummary: ClauseCommentCount[];
  changeRequests: ChangeRequest[];
  staffRepDecisions: {
    id: string;
    decision: "agree" | "object";
    note: string;
    revision: number;
    aboutCurrentRevision: boolean;
    by: { name: string };
    createdAt: string;
  }[];
}

/** A clause as the editor sends it (the key is made from the title when adding). */
export type NewClauseInput = Omit<PolicyClause, "key" | "sources" | "rules"> &
  Partial<Pick<PolicyClause, "key" | "sources" | "rules">>;

/** What changed since the version I last acknowledged (mirrors src/app/policy/changes-since-acknowledged.ts). */
export interface ChangesSinceAcknowledged {
  to: { id: string; version: string };
  since: { id: string; version: string; acknowledgedAt: string } | null;
  clauses: ClauseDiff[];
  changeNotes: { version: string; changelog: string }[];
}

export interface AckMember {
  userId: string;
  name: string;
  email: string;
  roles: string[];
  acknowledgedAt: string | null;
  version: string | null;
}

const p = (practiceId: string, rest: string): string =>
  `/api/practices/${encodeURIComponent(practiceId)}/policy${rest}`;
const v = (practiceId: string, versionId: string, rest = ""): string =>
  p(practiceId, `/versions/${encodeURIComponent(versionId)}${rest}`);

export const policyApi = {
  summary: (practiceId: string) => request<PolicySummary>("GET", p(practiceId, "/summary")),
  versions: (practiceId: string) =>
    request<z.infer<typeof contracts.policyVersionListResponse>>("GET", p(practiceId, "/versions")),
  version: (practiceId: string, versionId: string) => request<VersionView>("GET", v(practiceId, versionId)),
  createDraft: (
    practiceId: string,
    body: { from: string; changeKind: "major" | "minor"; changelog: string },
  ) => request<VersionView>("POST", p(practiceId, "/drafts"), body),
  saveClause: (
    practiceId: string,
    versionId: string,
    revision: number,
    clause: PolicyClause,
    base: PolicyClause,
  ) =>
    request<VersionView>("PUT", v(practiceId, versionId, `/clauses/${encodeURIComponent(clause.key)}`), {
      revision,
      clause,
      base,
    }),
  addClause: (
    practiceId: string,
    versionId: string,
    revision: number,
    sectionKey: string,
    clause: NewClauseInput,
  ) => request<VersionView>("POST", v(practiceId, versionId, "/clauses"), { revision, sectionKey, clause }),
  removeClause: (practiceId: string, versionId: string, revision: number, clauseKey: string) =>
    request<VersionView>("DELETE", v(practiceId, versionId, `/clauses/${encodeURIComponent(clauseKey)}`), {
      revision,
    }),
  moveClause: (
    practiceId: string,
    versionId: string,
    revision: number,
    clauseKey: string,
    direction: "up" | "down",
  ) =>
    request<VersionView>("POST", v(practiceId, versionId, `/clauses/${encodeURIComponent(clauseKey)}/move`), {
      revision,
      direction,
    }),
  addSection: (
    practiceId: string,
    versionId: string,
    revision: number,
    title: string,
    clause: NewClauseInput,
  ) => request<VersionView>("POST", v(practiceId, versionId, "/sections"), { revision, title, clause }),
  removeSection: (practiceId: string, versionId: string, revision: number, sectionKey: string) =>
    request<VersionView>("DELETE", v(practiceId, versionId, `/sections/${encodeURIComponent(sectionKey)}`), {
      revision,
    }),
  saveChangelog: (practiceId: string, versionId: string, revision: number, changelog: string) =>
    request<VersionView>("PUT", v(practiceId, versionId), { revision, changelog }),
  startConsultation: (practiceId: string, versionId: string, closesOn?: string) =>
    request<VersionView>("POST", v(practiceId, versionId, "/consultation"), closesOn ? { closesOn } : {}),
  comment: (practiceId: string, versionId: string, clauseKey: string, body: string) =>
    request<{ id: string }>("POST", v(practiceId, versionId, "/comments"), { clauseKey, body }),
  staffRep: (practiceId: string, versionId: string, decision: "agree" | "object", note: string) =>
    request<VersionView>("POST", v(practiceId, versionId, "/staff-rep"), { decision, note }),
  approve: (practiceId: string, versionId: string) =>
    request<VersionView>("POST", v(practiceId, versionId, "/approve"), {}),
  publish: (practiceId: string, versionId: string, body: { reviewDue?: string; changelog?: string }) =>
    request<VersionView>("POST", v(practiceId, versionId, "/publish"), body),
  answerComment: (
    practiceId: string,
    versionId: string,
    commentId: string,
    body: { reply?: string; resolved?: boolean },
  ) =>
    request<VersionView>(
      "PATCH",
      v(practiceId, versionId, `/comments/${encodeURIComponent(commentId)}`),
      body,
    ),
  requestChanges: (practiceId: string, versionId: string, note: string) =>
    request<VersionView>("POST", v(practiceId, versionId, "/request-changes"), { note }),
  discard: (practiceId: string, versionId: string) =>
    request<z.infer<typeof contracts.discardDraftResponse>>("POST", v(practiceId, versionId, "/discard"), {}),
  acknowledge: (practiceId: string, versionId: string) =>
    request<{ acknowledgedAt: string }>("POST", v(practiceId, versionId, "/acknowledge"), {}),
  acknowledgements: (practiceId: string) =>
    request<{
      status: { version: string; acknowledged: number; total: number; members: AckMember[] } | null;
    }>("GET", p(practiceId, "/acknowledgements")),
  diff: (practiceId: string, from: string, to: string) =>
    request<{ from: string; to: string; clauses: ClauseDiff[] }>(
      "GET",
      p(practiceId, `/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
    ),
  changesSinceAcknowledged: (practiceId: string) =>
    request<{ changes: ChangesSinceAcknowledged | null }>(
      "GET",
      p(practiceId, "/changes-since-acknowledged"),
    ),
  setReviewDate: (practiceId: string, reviewDue: string) =>
    request<{ reviewDue: string }>("PUT", p(practiceId, "/review-date"), { reviewDue }),
  chase: (practiceId: string) =>
    request<{ chased: number; chasedRecently: number }>("POST", p(practiceId, "/acknowledgements/chase"), {}),
  exportUrl: (
    practiceId: string,
    kind: "export.pdf" | "export.docx" | "evidence.pdf" | "acknowledgements.csv",
    version?: string,
  ) => p(practiceId, `/${kind}${version ? `?version=${encodeURIComponent(version)}` : ""}`),
};

export const STATUS_LABELS: Record<string, { label: string; tag: string }> = {
  draft: { label: "Draft", tag: "nhsuk-tag--grey" },
  consultation: { label: "Out for consultation", tag: "nhsuk-tag--blue" },
  approved: { label: "Approved", tag: "nhsuk-tag--purple" },
  published: { label: "Published", tag: "nhsuk-tag--green" },
  superseded: { label: "Earlier version", tag: "nhsuk-tag--white" },
  discarded: { label: "Discarded", tag: "nhsuk-tag--red" },
};

/** A day or moment as a person reads it: "21 November 2027" (UK clock). */
export const formatDay = (iso: string | null | undefined): string => formatUkDate(iso);
