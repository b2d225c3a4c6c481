// A new practice's first steps, each ticked from what the practice holds now (never a stored flag), and shown
// only to members the permission model lets take that step.
import type { z } from "zod";
import type { onboardingResponse } from "../../contracts/practices";
import { authorize, can, decide, type Denial, type PermissionMember } from "../../core/permissions";
import { readPracticeSettings } from "../../core/practice-settings";
import type { Db } from "../../store/database";
import { appendAudit } from "../audit/audit-log";
import type { AppContext } from "../context";
import { policyResource } from "../policy/policy-permissions";

export interface OnboardingStep {
  id: "details" | "policy" | "invite" | "staff-rep" | "channels";
  title: string;
  description: string;
  /** Where the step is done, under /practice/:practiceId. */
  path: string;
  done: boolean;
}

/** The member holds a role for the action, whatever the state says now (a conflict is about state, not role). */
const holdsRole = (d: Denial | null): boolean => d === null || d.code === "conflict";

/** The practice's facts the steps are ticked from, read in one go. */
async function practiceFacts(db: Db, practiceId: string) {
  const [practice, members, invites, channels] = await Promise.all([
    db.selectFrom("practices").select("settings").where("id", "=", practiceId).executeTakeFirstOrThrow(),
    db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select("memberships.roles")
      .where("memberships.practice_id", "=", practiceId)
      .where("memberships.deactivated_at", "is", null)
      .where("users.disabled_at", "is", null)
      .execute(),
    db
      .selectFrom("invites")
      .select("id")
      .where("practice_id", "=", practiceId)
      .where("revoked_at", "is", null)
      .limit(1)
      .execute(),
    db
      .selectFrom("channels")
      .select("id")
      .where("practice_id", "=", practiceId)
      .where("kind", "not in", ["website", "manual"])
      .where("status", "=", "connected")
      .limit(1)
      .execute(),
  ]);
  return {
    settings: readPracticeSettings(practice.settings),
    members,
    invited: invites.length > 0,
    channels,
  };
}

/** The steps this member may take, each with whether the practice has done it. */
export async function onboardingSteps(
  db: Db,
  practiceId: string,
  member: PermissionMember,
): Promise<OnboardingStep[]> {
  const [facts, policy] = await Promise.all([practiceFacts(db, practiceId), policyResource(db, practiceId)]);
  const s = facts.settings;
  const practice = { type: "practice" } as const;
  const steps: (OnboardingStep & { allowed: boolean })[] = [
    {
      id: "details",
      title: "Add the practice's details",
      description:
        "Phone number, website, online consultation and complaints links: the policy and the page for patients use them.",
      path: "settings",
      done: !!(s.phone && s.website && s.onlineConsultationUrl && s.complaintsProcedureUrl),
      allowed: holdsRole(decide(member, "edit-settings", practice)),
    },
    {
      id: "policy",
      title: "Publish the social media policy from the template",
      description: "Start a draft from the template, consult staff, have it approved and publish it.",
      path: "policy",
      done: policy.hasPublished,
      allowed: holdsRole(decide(member, "create-draft", policy)),
    },
    {
      id: "invite",
      title: "Invite your staff",
      description: "Everyone who works at the practice reads and acknowledges the policy.",
      path: "staff/invite",
      done: facts.invited || facts.members.length > 1,
      allowed: holdsRole(decide(member, "manage-invites", practice)),
    },
    {
      id: "staff-rep",
      title: "Choose a staff representative",
      description: "They respond to the consultation on behalf of staff before the policy is approved.",
      path: "staff",
      done: facts.members.some((m) => m.roles.includes("staff-rep")),
      allowed: holdsRole(decide(member, "manage-staff", practice)),
    },
    {
      id: "channels",
      title: "Connect the practice's social media accounts",
      description: "Bluesky, Mastodon, X, Facebook, Instagram or LinkedIn, so approved posts go out on time.",
      path: "channels",
      done: facts.channels.length > 0,
      allowed: holdsRole(decide(member, "connect-channel", { type: "channel", kind: "bluesky" })),
    },
  ];
  return steps.filter((st) => st.allowed).map(({ allowed: _allowed, ...st }) => st);
}

export type Onboarding = z.infer<typeof onboardingResponse>;

/** "Getting started" for this member: their steps, and whether someone hid the list for the whole practice. */
export async function readOnboarding(
  db: Db,
  practiceId: string,
  member: PermissionMember,
): Promise<Onboarding> {
  const [steps, row] = await Promise.all([
    onboardingSteps(db, practiceId, member),
    db
      .selectFrom("practices")
      .leftJoin("users", "users.id", "practices.onboarding_hidden_by")
      .select(["practices.onboarding_hidden_at", "users.name"])
      .where("practices.id", "=", practiceId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    steps,
    hidden: row.onboarding_hidden_at
      ? { at: row.onboarding_hidden_at.toISOString(), by: row.name ?? null }
      : null,
    canHide: can(member, "edit-settings", { type: "practice" }),
  };
}

/**
 * Hides "Getting started" for everyone in the practice, or shows it again (those who may change the settings
 * only). Hiding it again keeps the first time and person; the audit records which it was.
 */
export async function setOnboardingHidden(
  ctx: AppContext,
  practiceId: string,
  member: PermissionMember & { userId: string },
  hidden: boolean,
): Promise<Onboarding> {
  authorize(member, "edit-settings", { type: "practice" });
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    const changed = await trx
      .updateTable("practices")
      .set(
        hidden
          ? { onboarding_hidden_at: now, onboarding_hidden_by: member.userId }
          : { onboarding_hidden_at: null, onboarding_hidden_by: null },
      )
      .where("id", "=", practiceId)
      .where("onboarding_hidden_at", hidden ? "is" : "is not", null)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) return;
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: member.userId,
        action: hidden ? "practice.onboarding-hidden" : "practice.onboarding-shown",
        targetType: "practice",
        targetId: practiceId,
        details: {},
      },
      now,
    );
  });
  return readOnboarding(ctx.db, practiceId, member);
}
