// What the CQC evidence pack adds from the rest of the practice (issue 11, part 5): the incident register as an
// anonymised summary, the log of breach decisions, acknowledgement rates per version and the posting archive's
// summary. Kinds, dates, counts and yes/no only: no names, no case titles, no reasons' words, no post text.
import { ukIsoDay } from "../../core/dates";
import { DISCIPLINARY_OUTCOMES, type DisciplinaryCase } from "../../core/incidents/disciplinary";
import { breachDeadline } from "../../core/incidents/breach-clock";
import { gradeBreach } from "../../core/incidents/breach-grading";
import { BREACH_CLOCK_TYPES, INCIDENT_TYPES, type IncidentType } from "../../core/incidents/types";
import { ukMonth, lastMonths } from "../../core/oversight/checker-counts";
import { formatVersion } from "../../core/policy";
import type { Db } from "../../store/database";
import { loadDisciplinary } from "../incidents/incident-store";
import { activeMembers } from "../policy/policy-store";
import { myAccountsCompletionRate } from "../my-accounts";

export interface EvidenceSummary {
  incidents: {
    byType: { type: IncidentType; total: number; notClosed: number; closed: number }[];
    byOutcome: { outcome: string; count: number }[];
    /** One row per case, oldest first: its number, kind, dates and outcome in a few set words. */
    cases: {
      number: number;
      type: IncidentType;
      openedOn: string;
      closedOn: string | null;
      outcome: string;
    }[];
  };
  /** Each personal data breach's clock and decision, oldest first. */
  breaches: {
    number: number;
    awareAt: string;
    deadline: string;
    decidedAt: string | null;
    decision: "report" | "not-report" | null;
    withinClock: boolean | null;
    reasonsRecorded: boolean;
    dsptReference: boolean;
    graded: boolean;
    reportableByGrading: boolean | null;
    peopleTold: "told" | "not-told" | null;
  }[];
  /** Per major version published, how many of today's active staff have acknowledged it. */
  acknowledgementRates: {
    version: string;
    publishedOn: string | null;
    acknowledged: number;
    total: number;
    percent: number;
  }[];
  /** The My accounts completion rate: counts of members who share it; never an answer or a name. */
  myAccounts: { members: number; shared: number; completed: number; percent: number | null };
  archive: {
    months: string[];
    /** Posts published per month on each channel (a post on two channels counts on each). */
    byChannel: { channel: string; counts: number[]; total: number }[];
    postsPublished: number;
    approvals: number;
    /** Posts sent for approval although the checker said not to post, with the author's reason. */
    checkerOverrides: number;
  };
}

const OUTCOME_LABELS: Record<(typeof DISCIPLINARY_OUTCOMES)[number], string> = {
  "no-action": "Disciplinary: no action",
  "written-warning": "Disciplinary: written warning",
  "final-written-warning": "Disciplinary: final written warning",
  dismissal: "Disciplinary: dismissal",
};

/** A case's outcome in set words, never the outcome text someone typed. */
function outcomeOf(status: string, disciplinary: DisciplinaryCase | null, decision: string | null): string {
  if (disciplinary?.informal) return "Resolved informally";
  if (disciplinary?.appeal?.result === "overturned") return "Disciplinary: overturned on appeal";
  if (disciplinary?.decision) return OUTCOME_LABELS[disciplinary.decision.outcome];
  if (decision === "report") return "Breach reported to the ICO";
  if (decision === "not-report") return "Breach not reported to the ICO";
  return status === "closed" ? "Closed (outcome recorded on the case)" : "Not closed yet";
}

/**
 * The pack's practice-wide sections. `viewerId`: the member making the pack; a case about them is left out, as
 * the register never shows it to them.
 */
export async function evidenceSummary(
  db: Db,
  practiceId: string,
  now: Date,
  viewerId: string | null,
): Promise<EvidenceSummary> {
  return {
    ...(await incidentParts(db, practiceId, viewerId)),
    acknowledgementRates: await acknowledgementRates(db, practiceId),
    myAccounts: await myAccountsCompletionRate(db, practiceId),
    archive: await archiveSummary(db, practiceId, now),
  };
}

async function incidentParts(db: Db, practiceId: string, viewerId: string | null) {
  let rows = await db
    .selectFrom("incidents")
    .select(["id", "number", "type", "status", "created_at", "closed_at"])
    .where("practice_id", "=", practiceId)
    .orderBy("number")
    .execute();
  if (viewerId) {
    const about = new Set(
      (
        await db
          .selectFrom("incident_people")
          .innerJoin("incidents", "incidents.id", "incident_people.incident_id")
          .select("incident_people.incident_id")
          .where("incidents.practice_id", "=", practiceId)
          .where("incident_people.user_id", "=", viewerId)
          .where("incident_people.role", "=", "subject")
          .execute()
      ).map((r) => r.incident_id),
    );
    rows = rows.filter((r) => !about.has(r.id));
  }
  const ids = rows.map((r) => r.id);
  const breaches = ids.length
    ? await db.selectFrom("incident_breaches").selectAll().where("incident_id", "in", ids).execute()
    : [];
  const cases: EvidenceSummary["incidents"]["cases"] = [];
  const breachLog: EvidenceSummary["breaches"] = [];
  for (const r of rows) {
    const type = r.type as IncidentType;
    const b = BREACH_CLOCK_TYPES.has(type) ? breaches.find((x) => x.incident_id === r.id) : undefined;
    const disciplinary = (await loadDisciplinary(db, r.id))?.case ?? null;
    cases.push({
      number: r.number,
      type,
      openedOn: ukIsoDay(r.created_at),
      closedOn: r.status === "closed" && r.closed_at ? ukIsoDay(r.closed_at) : null,
      outcome: outcomeOf(r.status, disciplinary, b?.decision ?? null),
    });
    if (!b) continue;
    const deadline = breachDeadline(b.aware_at);
    const graded = b.likelihood !== null && b.severity !== null;
    breachLog.push({
      number: r.number,
      awareAt: b.aware_at.toISOString(),
      deadline: deadline.toISOString(),
      decidedAt: b.decided_at?.toISOString() ?? null,
      decision: (b.decision as "report" | "not-report" | null) ?? null,
      withinClock: b.decided_at ? b.decided_at.getTime() <= deadline.getTime() : null,
      reasonsRecorded: !!b.decision_reasons?.trim(),
      dsptReference: !!b.dspt_reference?.trim(),
      graded,
      reportableByGrading: graded
        ? gradeBreach({
            likelihood: b.likelihood!,
            severity: b.severity!,
            vulnerableGroup: b.vulnerable_group,
          }).reportable
        : null,
      peopleTold: (b.people_told as "told" | "not-told" | null) ?? null,
    });
  }
  const outcomes = new Map<string, number>();
  for (const c of cases) outcomes.set(c.outcome, (outcomes.get(c.outcome) ?? 0) + 1);
  return {
    incidents: {
      byType: INCIDENT_TYPES.map((type) => {
        const of = cases.filter((c) => c.type === type);
        const closed = of.filter((c) => c.closedOn !== null).length;
        return { type, total: of.length, notClosed: of.length - closed, closed };
      }).filter((t) => t.total > 0),
      byOutcome: [...outcomes].map(([outcome, count]) => ({ outcome, count })),
      cases,
    },
    breaches: breachLog,
  };
}

async function acknowledgementRates(
  db: Db,
  practiceId: string,
): Promise<EvidenceSummary["acknowledgementRates"]> {
  const versions = await db
    .selectFrom("policy_versions")
    .select(["major", "minor", "published_at"])
    .where("practice_id", "=", practiceId)
    .where("published_at", "is not", null)
    .orderBy("published_at")
    .execute();
  const active = new Set((await activeMembers(db, practiceId)).map((m) => m.userId));
  const acks = await db
    .selectFrom("policy_acknowledgements")
    .select(["major", "user_id"])
    .where("practice_id", "=", practiceId)
    .execute();
  const seen = new Set<number>();
  const out: EvidenceSummary["acknowledgementRates"] = [];
  for (const v of versions) {
    if (seen.has(v.major)) continue; // acknowledgements are kept per major version
    seen.add(v.major);
    const acknowledged = acks.filter((a) => a.major === v.major && active.has(a.user_id)).length;
    out.push({
      version: formatVersion(v),
      publishedOn: v.published_at ? ukIsoDay(v.published_at) : null,
      acknowledged,
      total: active.size,
      percent: active.size ? Math.floor((acknowledged * 100) / active.size) : 100,
    });
  }
  return out;
}

/** The 12 UK months to `now`. */
async function archiveSummary(db: Db, practiceId: string, now: Date): Promise<EvidenceSummary["archive"]> {
  const months = lastMonths(now, 12);
  const from = new Date(`${months[0]}-01T00:00:00Z`);
  from.setUTCDate(from.getUTCDate() - 1); // a day early, so the first UK month's first hour is in
  const published = await db
    .selectFrom("deliveries")
    .innerJoin("channels", "channels.id", "deliveries.channel_id")
    .select(["deliveries.post_id", "deliveries.published_at", "channels.name"])
    .where("deliveries.practice_id", "=", practiceId)
    .where("deliveries.state", "=", "published")
    .where("deliveries.published_at", ">=", from)
    .execute();
  const byChannel = new Map<string, number[]>();
  const posts = new Set<string>();
  for (const d of published) {
    const i = months.indexOf(ukMonth(d.published_at!));
    if (i < 0) continue;
    posts.add(d.post_id);
    const row = byChannel.get(d.name) ?? months.map(() => 0);
    row[i]!++;
    byChannel.set(d.name, row);
  }
  const approvals = await db
    .selectFrom("post_events")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("practice_id", "=", practiceId)
    .where("event", "=", "approved")
    .where("at", ">=", from)
    .executeTakeFirstOrThrow();
  const overrides = await db
    .selectFrom("post_events")
    .innerJoin("posts", "posts.id", "post_events.post_id")
    .select((eb) => eb.fn.count<string>("post_events.post_id").distinct().as("n"))
    .where("post_events.practice_id", "=", practiceId)
    .where("post_events.event", "=", "submitted")
    .where("post_events.at", ">=", from)
    .where("posts.override_reason", "is not", null)
    .executeTakeFirstOrThrow();
  return {
    months,
    byChannel: [...byChannel]
      .map(([channel, counts]) => ({ channel, counts, total: counts.reduce((a, b) => a + b, 0) }))
      .sort((a, b) => b.total - a.total || a.channel.localeCompare(b.channel)),
    postsPublished: posts.size,
    approvals: Number(approvals.n),
    checkerOverrides: Number(overrides.n),
  };
}
