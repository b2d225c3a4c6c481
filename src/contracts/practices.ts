// The session and the practice: who you are, which practices you belong to and what you may do in each.
import { z } from "zod";
import { allowedOf, isoTime, role } from "./common";

export const sessionPractice = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    roles: z.array(role),
    allowed: allowedOf("practice"),
  })
  .meta({ title: "SessionPractice" });

export const practiceResponse = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    settings: z.record(z.string(), z.unknown()),
    myRoles: z.array(role),
    allowed: allowedOf("practice"),
  })
  .meta({ title: "Practice" });

/** One of a new practice's first steps, ticked from what the practice holds now. */
export const onboardingStep = z
  .object({
    id: z.enum(["details", "policy", "invite", "staff-rep", "channels"]),
    title: z.string(),
    description: z.string(),
    /** Where the step is done, under /practice/:practiceId. */
    path: z.string(),
    done: z.boolean(),
  })
  .meta({ title: "OnboardingStep" });

/** "Getting started": the steps this member may take, and whether the list is hidden for the whole practice. */
export const onboardingResponse = z
  .object({
    steps: z.array(onboardingStep),
    hidden: z.object({ at: isoTime, by: z.string().nullable() }).nullable(),
    /** Whether this member may hide or show the list for everyone (the `edit-settings` practice action). */
    canHide: z.boolean(),
  })
  .meta({ title: "Onboarding" });

export const onboardingHiddenRequest = z
  .object({ hidden: z.boolean({ error: "Say whether to hide the list (true) or show it (false)." }) })
  .strict()
  .meta({ title: "OnboardingHidden" });
