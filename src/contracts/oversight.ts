// The admin's oversight dashboard (issue 11, part 5): everything waiting in the practice on one page, and the
// checker's monthly counts by rule when the practice keeps them. Counts, dates and ids; never a post's or a
// comment's words.
import { z } from "zod";
import { isoTime } from "./common";
import { incidentSummaryResponse, incidentType } from "./incidents";
import { channelStatus } from "./channels";
import { channelKind } from "./posts";

const count = z.number().int();
const isoDay = z.string().meta({ description: "An ISO day, e.g. 2027-01-31" });

/** The My accounts completion rate: counts only, of members who agreed to share it; never an answer. */
export const myAccountsCompletion = z
  .object({
    members: count.meta({ description: "Active members of the practice." }),
    shared: count.meta({
      description: "Members who agreed to let the practice manager see that they completed it.",
    }),
    completed: count.meta({ description: "Of those who share it, how many have completed today's check." }),
    percent: count.nullable().meta({
      description: "Completed as a whole percentage of those who share it; null when nobody shares it.",
    }),
  })
  .meta({ title: "MyAccountsCompletion" });

export const oversightResponse = z
  .object({
    practice: z.object({ id: z.string(), name: z.string() }),
    generatedAt: isoTime,
    incidents: z.object({
      reported: count.meta({ description: "Concerns reported that nobody has picked up yet." }),
      open: count,
      byType: z.array(z.object({ type: incidentType, reported: count, open: count })),
      cases: z
        .array(incidentSummaryResponse)
        .meta({ description: "Every case not closed that you may see, breaches with their 72-hour clock." }),
      undecidedBreaches: count.meta({ description: "Breaches of open cases with no ICO decision recorded." }),
    }),
    posts: z.object({
      awaitingApproval: count,
      changesRequested: count,
      needAttention: count.meta({
        description: "Posts that failed or need a person to check they went out.",
      }),
      waiting: z.array(
        z.object({
          id: z.string(),
          author: z.string(),
          submittedAt: isoTime.nullable(),
          scheduledAt: isoTime.nullable(),
        }),
      ),
    }),
    inbox: z.object({
      new: count,
      inProgress: count,
      awaitingApproval: count,
      urgent: count.meta({ description: "Conversations not closed or answered whose priority is urgent." }),
      complaintsToAcknowledge: count,
      acknowledgementsOverdue: count,
      repliesAwaitingApproval: count,
    }),
    acknowledgements: z
      .object({
        version: z.string(),
        acknowledged: count,
        total: count.meta({ description: "Active members asked to acknowledge this major version." }),
        outstanding: count,
        percent: count.meta({
          description: "Acknowledged as a whole percentage of total (100 when nobody is due).",
        }),
      })
      .nullable()
      .meta({ description: "Of the published version's major number; null before anything is published." }),
    myAccounts: myAccountsCompletion,
    policy: z
      .object({
        version: z.string(),
        reviewDue: isoDay.nullable(),
        state: z.enum(["ok", "due-soon", "overdue"]),
      })
      .nullable(),
    channels: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        kind: channelKind,
        status: channelStatus,
        twoFactor: z.boolean().nullable().meta({ description: "Null: the checklist was never filled in." }),
        lastReviewedOn: isoDay.nullable(),
        reviewDue: isoDay.meta({ description: "A year after the last review; today when never reviewed." }),
        overdue: z.boolean(),
      }),
    ),
    checkerCounts: z.object({
      on: z.boolean(),
      since: isoTime.nullable(),
      months: z.array(z.string()).meta({ description: "UK months shown, oldest first (2026-12)." }),
      runs: z.array(count).meta({ description: "Checker runs in each month." }),
      rules: z.array(
        z.object({
          rule: z.string(),
          label: z.string(),
          counts: z.array(count).meta({ description: "Runs that found this rule, per month shown." }),
          total: count,
        }),
      ),
    }),
    canManageCheckerCounts: z.boolean(),
  })
  .meta({ title: "Oversight" });

/** PUT …/oversight/checker-counts */
export const checkerCountsRequest = z.object({
  on: z.boolean({ error: "Say whether to keep the checker's monthly counts (on or off)." }),
});

export const checkerCountsResponse = z.object({ on: z.boolean(), since: isoTime.nullable() });
