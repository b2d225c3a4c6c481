import { z } from "zod";
import { calendarDay } from "../dates";
import { RULE_IDS } from "../checker/types";
import { SOURCE_IDS, type SourceId } from "./sources";
import type { PolicyClause, PolicyDocument } from "./types";

export const LIMITS = {
  title: 200,
  text: 6000,
  sections: 40,
  clausesPerSection: 40,
  claims: 50,
  claim: 200,
} as const;

/** Removes control characters (keeping newlines and tabs) and normalises line endings. Escaping happens when rendering. */
export function cleanText(value: string): string {
  return (
    value
      .replace(/\r\n?/g, "\n")
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, "")
  );
}

const key = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/,
    "Use lower-case letters, digits and hyphens (at most 80).",
  );
const title = z
  .string()
  .transform((s) => cleanText(s).trim())
  .pipe(
    z.string().min(1, "A title is needed.").max(LIMITS.title, `Keep titles to ${LIMITS.title} characters.`),
  );
const day = calendarDay("2026-01-31");

export const hotTopicSchema = z
  .object({
    label: z
      .string()
      .transform((s) => cleanText(s).trim())
      .pipe(
        z
          .string()
          .min(1, 'Give the hot topic a short label, such as "Flu vaccination 2026".')
          .max(LIMITS.title, `Keep the label to ${LIMITS.title} characters.`),
      ),
    claims: z
      .array(
        z
          .string()
          .transform((s) => cleanText(s).trim())
          .pipe(
            z
              .string()
              .min(1, "Leave out empty claim phrases.")
              .max(LIMITS.claim, `Keep each claim phrase to ${LIMITS.claim} characters.`),
          ),
      )
      .max(LIMITS.claims, `Use at most ${LIMITS.claims} claim phrases.`)
      .default([]),
    start: day.optional(),
    end: day.optional(),
  })
  .refine((h) => !h.start || !h.end || h.start <= h.end, {
    message: "The end date must not be before the start date.",
    path: ["end"],
  });

export const clauseSchema = z.object({
  key,
  title: z
    .string()
    .transform((s) => cleanText(s).trim())
    .pipe(
      z
        .string()
        .min(1, "Give the clause a title.")
        .max(LIMITS.title, `Keep the title to ${LIMITS.title} characters.`),
    ),
  text: z
    .string()
    .transform((s) => cleanText(s).trim())
    .pipe(
      z
        .string()
        .min(1, "A clause needs some text.")
        .max(LIMITS.text, `Keep a clause to ${LIMITS.text.toLocaleString("en-GB")} characters.`),
    ),
  sources: z
    .array(z.string().refine((s): s is SourceId => (SOURCE_IDS as string[]).includes(s), "Unknown source."))
    .max(20)
    .default([]),
  patientFacing: z.boolean().default(false),
  rules: z.array(z.enum(RULE_IDS)).max(RULE_IDS.length).default([]),
  hotTopic: hotTopicSchema.optional(),
});

/** A clause being added: the key is optional (made from the title when left out). */
export const newClauseSchema = clauseSchema.extend({ key: key.optional() });

/** A section title on its own (adding or renaming a section). */
export const sectionTitleSchema = z
  .string()
  .transform((s) => cleanText(s).trim())
  .pipe(
    z
      .string()
      .min(1, "Give the section a title.")
      .max(LIMITS.title, `Keep the title to ${LIMITS.title} characters.`),
  );

export const sectionSchema = z.object({
  key,
  title,
  clauses: z.array(clauseSchema).min(1, "A section needs at least one clause.").max(LIMITS.clausesPerSection),
});

/** A whole policy document as sent by an editor; keys must be unique across sections and across clauses. */
export const documentSchema = z
  .object({
    sections: z.array(sectionSchema).min(1, "A policy needs at least one section.").max(LIMITS.sections),
  })
  .superRefine((doc, ctx) => {
    const sectionKeys = new Set<string>();
    const clauseKeys = new Set<string>();
    doc.sections.forEach((s, i) => {
      if (sectionKeys.has(s.key))
        ctx.addIssue({
          code: "custom",
          message: `The section key "${s.key}" is used twice.`,
          path: ["sections", i, "key"],
        });
      sectionKeys.add(s.key);
      s.clauses.forEach((c, j) => {
        if (clauseKeys.has(c.key))
          ctx.addIssue({
            code: "custom",
            message: `The clause key "${c.key}" is used twice.`,
            path: ["sections", i, "clauses", j, "key"],
          });
        clauseKeys.add(c.key);
      });
    });
  });

/** Normalises a parsed clause into the stored shape (drops undefined optionals). */
export function toClause(c: z.infer<typeof clauseSchema>): PolicyClause {
  return {
    key: c.key,
    title: c.title,
    text: c.text,
    sources: c.sources as SourceId[],
    patientFacing: c.patientFacing,
    rules: c.rules,
    ...(c.hotTopic
      ? {
          hotTopic: {
            label: c.hotTopic.label,
            claims: c.hotTopic.claims,
            ...(c.hotTopic.start ? { start: c.hotTopic.start } : {}),
            ...(c.hotTopic.end ? { end: c.hotTopic.end } : {}),
          },
        }
      : {}),
  };
}

/** Normalises a parsed document into the stored shape (drops undefined optionals). */
export function toDocument(parsed: z.infer<typeof documentSchema>): PolicyDocument {
  return {
    sections: parsed.sections.map((s) => ({ key: s.key, title: s.title, clauses: s.clauses.map(toClause) })),
  };
}
