// My accounts (issue 11, part 6): the member's own personal-account check, the admin's summary (whether and when
// each member completed it, only for those who agreed) and the platforms a practice adds.
import { z } from "zod";
import { ITEM_ANSWERS, ITEM_IDS } from "../core/my-accounts";
import { isoTime, practiceParams } from "./common";

export const itemId = z.enum(ITEM_IDS, { error: "That is not an item of the check." });
export const itemAnswer = z.enum(ITEM_ANSWERS, {
  error: "Answer each item with done, not yet or not applicable.",
});

export const myAccountsAnswerParams = practiceParams.extend({ platform: z.string() });
export const myAccountsPlatformParams = practiceParams.extend({ platform: z.string() });

/** One platform's answers: whether you use it and, if you do, your answer to each item. */
export const platformAnswersRequest = z
  .object({
    uses: z.boolean({ error: "Say whether you have an account on this platform." }),
    items: z.partialRecord(itemId, itemAnswer).default({}),
  })
  .meta({ title: "MyAccountsPlatformAnswers" });

export const sharingRequest = z
  .object({
    share: z.boolean({ error: "Say whether the practice manager may see that you completed the check." }),
  })
  .meta({ title: "MyAccountsSharing" });

export const addPlatformRequest = z
  .object({
    name: z
      .string({ error: "Give the platform's name." })
      .trim()
      .min(1, "Give the platform's name.")
      .max(40, "Keep the platform's name to 40 characters."),
  })
  .meta({ title: "MyAccountsAddPlatform" });

const guidance = z.discriminatedUnion("applies", [
  z.object({ applies: z.literal(true), steps: z.array(z.string()) }),
  z.object({ applies: z.literal(false), reason: z.string() }),
]);

const checklistItem = z.object({
  id: itemId,
  title: z.string(),
  why: z.string(),
  clause: z.object({ key: z.string(), number: z.string(), title: z.string() }).nullable().meta({
    description: "The practice's own policy clause the item rests on (null when its policy has none).",
  }),
});

const platformState = z.enum(["not-started", "in-progress", "complete", "not-used"]);

const checkPlatform = z.object({
  key: z.string(),
  name: z.string(),
  addedByPractice: z.boolean(),
  uses: z.boolean().nullable().meta({ description: "Null until you answer whether you use the platform." }),
  state: platformState,
  answered: z.number().int(),
  applicable: z.number().int(),
  items: z.array(z.object({ id: itemId, guidance, answer: itemAnswer.nullable() })),
});

/** Your own check: nobody else, the practice manager included, can read this. */
export const myAccountsResponse = z
  .object({
    items: z.array(checklistItem),
    platforms: z.array(checkPlatform),
    complete: z.boolean(),
    completedAt: isoTime.nullable(),
    shareCompletion: z.boolean(),
    policyPublished: z.boolean(),
  })
  .meta({ title: "MyAccountsCheck" });

export const summaryStatus = z.enum(["completed", "not-completed", "not-shared"]);

/** The practice manager's view: per member only completed (with when) / not completed / not shared. */
export const myAccountsSummaryResponse = z
  .object({
    members: z.array(
      z.object({
        userId: z.string(),
        name: z.string(),
        status: summaryStatus,
        completedAt: isoTime.nullable(),
      }),
    ),
    counts: z.object({ members: z.number().int(), shared: z.number().int(), completed: z.number().int() }),
  })
  .meta({ title: "MyAccountsSummary" });

export const myAccountsPlatformListResponse = z
  .object({
    platforms: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        addedByPractice: z.boolean(),
        addedAt: isoTime.nullable(),
      }),
    ),
  })
  .meta({ title: "MyAccountsPlatforms" });
