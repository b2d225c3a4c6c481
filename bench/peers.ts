// Adapters that turn each peer package's output into spans or a yes/no, so they can be scored like the checker.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface Span {
  start: number;
  end: number;
}
export interface Peer {
  name: string;
  version: string;
  entities?: Partial<Record<string, (text: string) => Span[]>>;
  abusive?: (text: string) => boolean;
}

const require = createRequire(import.meta.url);
const version = (pkg: string): string =>
  (
    JSON.parse(
      readFileSync(join(import.meta.dirname, "..", "node_modules", pkg, "package.json"), "utf8"),
    ) as { version: string }
  ).version;

/** Recovers the spans a placeholder-style redactor replaced, by aligning its output with the input. */
function alignPlaceholders(
  original: string,
  redacted: string,
  placeholders: RegExp,
  wanted: Set<string>,
): Span[] {
  const out: Span[] = [];
  const re = new RegExp(placeholders.source, "g");
  let pos = 0; // in original
  let last = 0; // in redacted
  let m: RegExpExecArray | null;
  const parts: { literal: string; tag: string }[] = [];
  while ((m = re.exec(redacted))) {
    parts.push({ literal: redacted.slice(last, m.index), tag: m[0] });
    last = m.index + m[0].length;
  }
  const tail = redacted.slice(last);
  for (let i = 0; i < parts.length; i++) {
    const { literal, tag } = parts[i]!;
    const at = original.indexOf(literal, pos);
    if (at < 0) break;
    const start = at + literal.length;
    const nextLiteral = i + 1 < parts.length ? parts[i + 1]!.literal : tail;
    let end = nextLiteral ? original.indexOf(nextLiteral, start) : original.length;
    if (end < 0) break;
    if (!nextLiteral && i + 1 < parts.length) end = start; // adjacent placeholders: cannot split
    if (wanted.has(tag) && end > start) out.push({ start, end });
    pos = end;
  }
  return out;
}

export async function peers(): Promise<{
  redactPii: Peer;
  openRedaction: Peer;
  compromise: Peer;
  obscenity: Peer;
  leoProfanity: Peer;
  notes: string[];
}> {
  const notes: string[] = [];

  const { SyncRedactor } = (await import("redact-pii")) as typeof import("redact-pii");
  const redactor = new SyncRedactor();
  const RP =
    /PERSON_NAME|PHONE_NUMBER|EMAIL_ADDRESS|US_SOCIAL_SECURITY_NUMBER|CREDIT_CARD_NUMBER|STREET_ADDRESS|ZIPCODE|IP_ADDRESS|URL|USERNAME|PASSWORD|DIGITS|CREDENTIALS/;
  const rp = (tag: string) => (text: string) =>
    alignPlaceholders(text, redactor.redact(text), RP, new Set([tag]));
  const redactPii: Peer = {
    name: "redact-pii",
    version: version("redact-pii"),
    entities: { person: rp("PERSON_NAME"), phone: rp("PHONE_NUMBER"), email: rp("EMAIL_ADDRESS") },
  };
  notes.push(
    "redact-pii: its offline SyncRedactor (the Google DLP redactor needs a network and is not used). It returns redacted text, so spans are recovered by aligning the output with the input; UK phone numbers often come back as ZIPCODE + DIGITS, which counts as a miss for phone.",
  );

  const { OpenRedaction } = (await import("@openredaction/openredaction")) as {
    OpenRedaction: new () => {
      detect: (
        t: string,
      ) =>
        | { detections: { type: string; position: [number, number] }[] }
        | Promise<{ detections: { type: string; position: [number, number] }[] }>;
    };
  };
  const or = new OpenRedaction();
  const orSpans =
    (test: (type: string) => boolean) =>
    (text: string): Span[] => {
      const r = or.detect(text);
      if (r instanceof Promise) throw new Error("detect() is asynchronous in this version");
      return r.detections
        .filter((d) => test(d.type))
        .map((d) => ({ start: d.position[0], end: d.position[1] }));
    };
  const openRedaction: Peer = {
    name: "@openredaction/openredaction",
    version: version("@openredaction/openredaction"),
    entities: {
      person: orSpans((t) => /NAME/.test(t) && !/USERNAME|FILE|DOMAIN/.test(t)),
      phone: orSpans((t) => /PHONE/.test(t)),
      email: orSpans((t) => /^EMAIL/.test(t)),
      date: orSpans((t) => /DATE|DOB|BIRTH/.test(t)),
    },
  };
  notes.push(
    "@openredaction/openredaction: default settings; detection types mapped by name (NAME → person, PHONE* → phone, EMAIL → email, DATE*/DOB → date).",
  );

  const nlp = (
    (await import("compromise")) as {
      default: (t: string) => {
        people: () => { json: (o: object) => { offset?: { start: number; length: number } }[] };
      };
    }
  ).default;
  const compromise: Peer = {
    name: "compromise",
    version: version("compromise"),
    entities: {
      person: (text) =>
        nlp(text)
          .people()
          .json({ offset: true })
          .flatMap((p) =>
            p.offset ? [{ start: p.offset.start, end: p.offset.start + p.offset.length }] : [],
          ),
    },
  };
  notes.push("compromise: `nlp(text).people()` with offsets.");

  const ob = (await import("obscenity")) as typeof import("obscenity");
  const matcher = new ob.RegExpMatcher({
    ...ob.englishDataset.build(),
    ...ob.englishRecommendedTransformers,
  });
  const obscenity: Peer = {
    name: "obscenity",
    version: version("obscenity"),
    abusive: (t) => matcher.hasMatch(t),
  };
  notes.push(
    "obscenity: English dataset with the recommended transformers; an item counts as flagged when `hasMatch` is true.",
  );

  const leo = require("leo-profanity") as { check: (t: string) => boolean };
  const leoProfanity: Peer = {
    name: "leo-profanity",
    version: version("leo-profanity"),
    abusive: (t) => leo.check(t),
  };
  notes.push("leo-profanity: default dictionary; flagged when `check` is true.");
  notes.push(
    "safepost's abuse figure counts any abuse finding (warning or breach) in comment context, as the evaluation does; its entity figures use context personal.",
  );
  return { redactPii, openRedaction, compromise, obscenity, leoProfanity, notes };
}
