import { readPracticeSettings } from "../practice-settings";

/** What placeholders fill from: the practice's name and its settings. */
export interface PracticeDetails {
  name: string;
  phone?: string | undefined;
  website?: string | undefined;
  onlineConsultationUrl?: string | undefined;
  complaintsProcedureUrl?: string | undefined;
  /** The practice's page on nhs.uk (for reviews); the public pages link to it, no placeholder fills from it. */
  nhsWebsiteUrl?: string | undefined;
}

export const PLACEHOLDERS = {
  "practice.name": { label: "the practice's name", pick: (p: PracticeDetails) => p.name },
  "practice.phone": { label: "the practice's phone number", pick: (p: PracticeDetails) => p.phone },
  "practice.website": { label: "the practice's website", pick: (p: PracticeDetails) => p.website },
  "practice.onlineConsultationUrl": {
    label: "the online consultation link",
    pick: (p: PracticeDetails) => p.onlineConsultationUrl,
  },
  "practice.complaintsProcedureUrl": {
    label: "the complaints procedure link",
    pick: (p: PracticeDetails) => p.complaintsProcedureUrl,
  },
  nhsApp: { label: "the NHS App", pick: () => "the NHS App" },
} as const;

type PlaceholderName = keyof typeof PLACEHOLDERS;

/** What a person calls a placeholder ("the practice's website"), never its internal name. */
export function placeholderLabel(name: string): string {
  const p = (PLACEHOLDERS as Record<string, { label: string } | undefined>)[name];
  return p ? p.label : "a practice detail";
}

/** Practice details from the settings stored with the practice (read by the one settings reader). */
export function practiceDetails(name: string, settings: unknown): PracticeDetails {
  const s = readPracticeSettings(settings);
  const given = (v: string): string | undefined => v || undefined;
  return {
    name,
    phone: given(s.phone),
    website: given(s.website),
    onlineConsultationUrl: given(s.onlineConsultationUrl),
    complaintsProcedureUrl: given(s.complaintsProcedureUrl),
    nhsWebsiteUrl: given(s.nhsWebsiteUrl),
  };
}

/**
 * Fills {{placeholders}} in clause text. A setting the practice has not filled in shows as
 * "[the practice's phone number]" so the gap is visible rather than silently empty. Unknown names stay as written.
 */
export function fillPlaceholders(text: string, details: PracticeDetails): string {
  return text.replace(/\{\{\s*([A-Za-z.]+)\s*\}\}/g, (whole, name: string) => {
    const p = (PLACEHOLDERS as Record<string, (typeof PLACEHOLDERS)[PlaceholderName]>)[name];
    if (!p) return whole;
    return p.pick(details) ?? `[${p.label}]`;
  });
}

/** Placeholders used in a text whose setting is missing (so the admin can be told before publishing). */
export function missingPlaceholders(text: string, details: PracticeDetails): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/\{\{\s*([A-Za-z.]+)\s*\}\}/g)) {
    const p = (PLACEHOLDERS as Record<string, (typeof PLACEHOLDERS)[PlaceholderName]>)[m[1]!];
    if (p && !p.pick(details)) out.add(m[1]!);
  }
  return [...out];
}
