import { z } from "zod";

const url = z
  .string()
  .trim()
  .max(500, "500 characters at most.")
  .refine(
    (v) => v === "" || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v),
    "Enter a full web address starting with https://.",
  );
const phone = z
  .string()
  .trim()
  .max(40, "40 characters at most.")
  .refine(
    (v) => v === "" || /^(?:\+44\s?|0)[\d\s]{9,13}$/.test(v),
    "Enter a UK phone number, for example 01234 567890.",
  );
const nhsPage = z
  .string()
  .trim()
  .max(500, "500 characters at most.")
  .refine(
    (v) => v === "" || /^https:\/\/(?:www\.)?nhs\.uk\/[^\s]*$/i.test(v),
    "Enter the address of your page on the NHS website, starting with https://www.nhs.uk/.",
  );
const list = (label: string, each: z.ZodString) =>
  z.array(each, { error: `${label} should be a list.` }).max(50, `50 ${label.toLowerCase()} at most.`);

/**
 * What a practice tells safepost about itself. The policy fills its placeholders from these, the checker
 * knows the practice's own phone numbers, email domains, names and local places, and replies to patients
 * point to the right routes.
 */
export const practiceSettingsSchema = z.object({
  phone: phone.default(""),
  website: url.default(""),
  onlineConsultationUrl: url.default(""),
  complaintsProcedureUrl: url.default(""),
  /** The practice's own page on nhs.uk, where patients read and leave reviews. */
  nhsWebsiteUrl: nhsPage.default(""),
  safeguardingLead: z.string().trim().max(200, "200 characters at most.").default(""),
  aliases: list("Other names", z.string().trim().min(1).max(120)).default([]),
  emailDomains: list(
    "Email domains",
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/, "Enter a domain such as riverside.nhs.uk, without the @."),
  ).default([]),
  places: list("Local places", z.string().trim().min(1).max(120)).default([]),
  /** How long after its scheduled time an approved post may still go out; later, it goes back for review. */
  postApprovalWindowHours: z.coerce
    .number({ error: "Enter a number of hours, for example 24." })
    .int("Enter a whole number of hours.")
    .min(1, "At least 1 hour.")
    .max(168, "At most 168 hours (a week).")
    .default(24),
  /** How long after a conversation closes its comments' text is kept (evidence records are kept apart). */
  inboxRetentionMonths: z.coerce
    .number({ error: "Enter a number of months, for example 12." })
    .int("Enter a whole number of months.")
    .min(1, "At least 1 month.")
    .max(120, "At most 120 months (10 years).")
    .default(12),
});

export type PracticeSettings = z.infer<typeof practiceSettingsSchema>;

/** Each setting as the Settings page labels it: errors name these, never the internal key. */
export const SETTING_LABELS: Record<keyof PracticeSettings, string> = {
  phone: "Phone number",
  website: "Website",
  onlineConsultationUrl: "Online consultation link",
  complaintsProcedureUrl: "Complaints procedure link",
  nhsWebsiteUrl: "Your page on the NHS website",
  safeguardingLead: "Safeguarding lead",
  aliases: "Other names for the practice",
  emailDomains: "Practice email domains",
  places: "Local places",
  postApprovalWindowHours: "Hours an approved post may wait",
  inboxRetentionMonths: "Months to keep comment text after a conversation closes",
};

/** The label of a setting key ("website" → "Website"); an unknown key reads as "A setting". */
export const settingLabel = (key: string): string =>
  (SETTING_LABELS as Record<string, string | undefined>)[key] ?? "A setting";

/** Reads stored settings leniently: anything missing or no longer valid falls back to empty. */
export function readPracticeSettings(stored: unknown): PracticeSettings {
  const base = practiceSettingsSchema.parse({});
  if (!stored || typeof stored !== "object") return base;
  const out: Record<string, unknown> = { ...base };
  for (const [key, field] of Object.entries(practiceSettingsSchema.shape)) {
    const r = field.safeParse((stored as Record<string, unknown>)[key]);
    if (r.success) out[key] = r.data;
  }
  return out as PracticeSettings;
}
