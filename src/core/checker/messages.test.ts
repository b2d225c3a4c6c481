import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  EMERGENCY_REPLY,
  fillReply,
  MENTAL_SUPPORT,
  redactText,
  REPLY_TEMPLATES,
  URGENT_MENTAL_REPLY,
  URGENT_REPLY,
} from "./messages";
import { check } from "./index";
import type { PracticeProfile } from "./types";

const PROFILES: Record<string, PracticeProfile | undefined> = {
  none: undefined,
  empty: {},
  full: {
    details: {
      name: "Oakfield Surgery",
      phone: "01632 960 777",
      onlineConsultationUrl: "https://oakfield.example/online",
      complaintsProcedureUrl: "https://oakfield.example/complaints",
    },
  },
  "phone only": { details: { phone: "01632 960 777" } },
  "online only": { details: { onlineConsultationUrl: "https://oakfield.example/online" } },
  "phone from the profile list": { phones: ["01632 960 777"] },
};

const TEMPLATES: Record<string, string> = {
  ...REPLY_TEMPLATES,
  urgent: URGENT_REPLY,
  emergency: EMERGENCY_REPLY,
  "emergency and mental": `${EMERGENCY_REPLY} ${MENTAL_SUPPORT}`,
  mental: URGENT_MENTAL_REPLY,
};

// Each sentence of a reply needs a verb: one of these (the replies are short and use few).
const VERBS =
  /\b(thank|are|is|was|want|look|contact|share|cannot|can|use|call|order|post|find|help|pass|leave|hidden|need|worried|go|wait|feeling|struggling|choose|try|reach|hurt|do|could)\b/i;

/** What reads wrong in a filled reply, or [] when it reads well. */
function problems(reply: string): string[] {
  const out: string[] = [];
  if (/[{}]/.test(reply)) out.push("unfilled placeholder");
  const doubled = /\b(\w+)\s+\1\b/i.exec(reply);
  if (doubled) out.push(`doubled word "${doubled[0]}"`);
  if (/\bor\s+or\b/i.test(reply)) out.push('"or or"');
  if (/\b(or|and|through|use|on|call)\s*([.,;:!?)]|$)/i.test(reply))
    out.push("dangling word before punctuation");
  if (/\b(privately|us|here)\s+or\s+(our|the|your)\b/i.test(reply))
    out.push('"… privately or our …" (no verb)');
  if (/\s[,.;:]|\s{2,}|,,|\.\.|\(\s|\s\)|\(\)/.test(reply)) out.push("spacing or punctuation");
  if (/,\s*,|,\s*or\s*,/.test(reply)) out.push("empty list item");
  for (const sentence of reply.split(/(?<=[.!?])\s+(?=[A-Z])/)) {
    if (!/^[A-Z]/.test(sentence)) out.push(`sentence without a capital: "${sentence}"`);
    if (!/[.!?]$/.test(sentence)) out.push(`sentence without a full stop: "${sentence}"`);
    if (!VERBS.test(sentence)) out.push(`sentence without a verb: "${sentence}"`);
  }
  return out;
}

describe("reply templates", () => {
  for (const [name, template] of Object.entries(TEMPLATES))
    for (const [pname, profile] of Object.entries(PROFILES))
      it(`${name} reads correctly with profile: ${pname}`, () => {
        const reply = fillReply(template, profile);
        assert.deepEqual(problems(reply), [], reply);
      });

  it("names the ways to get in touch that the practice has given, and only those", () => {
    const full = fillReply(REPLY_TEMPLATES["medical-query"], PROFILES.full);
    assert.match(
      full,
      /through the NHS App or our online consultation form \(https:\/\/oakfield.example\/online\), or call us on 01632 960 777\./,
    );
    const bare = fillReply(REPLY_TEMPLATES["medical-query"]);
    assert.match(bare, /through the NHS App, or call the surgery\./);
    assert.doesNotMatch(bare, /online consultation form/);
    const rx = fillReply(REPLY_TEMPLATES["prescription-request"], PROFILES["phone only"]);
    assert.match(rx, /through the NHS App or your nominated pharmacy, or call us on 01632 960 777\./);
  });

  it("catches the mistakes it looks for", () => {
    assert.notDeepEqual(
      problems("Please contact us privately or our online consultation form or call the surgery."),
      [],
    );
    assert.notDeepEqual(problems("Book through the NHS App or or call us."), []);
    assert.notDeepEqual(problems("Please call call the surgery."), []);
    assert.notDeepEqual(problems("Book through the NHS App, or."), []);
    assert.notDeepEqual(problems("Our online consultation form."), []);
  });
});

describe("urgent replies", () => {
  const reply = (text: string): string => check({ text, context: "comment" }).triage!.reply;
  it("leads with 999 for emergencies", () => {
    for (const t of [
      "My son's lips have gone blue and he is gasping",
      "My wife isn't breathing properly, please help",
      "My little girl is having a fit right now",
      "My dad has had chest pain for an hour and feels sick",
      "Mum's face has dropped on one side and her words are slurred",
      "My partner cut his hand badly and it won't stop bleeding",
      "My baby has a purple rash that doesn't fade under a glass",
      "My grandad is unconscious on the floor",
      "I can't wake my husband up and he is breathing oddly",
    ])
      assert.match(reply(t), /^Call 999 now\./, t);
  });
  it("does not lead with 999 for an emergency that is long over, or in a complaint about past care", () => {
    for (const t of [
      "Thanks to everyone who looked after my husband after his stroke last year",
      "My daughter had a seizure two months ago, can we have a check-up?",
      "I rang last week with chest pains and was told to wait three days. Disgraceful, I am making a formal complaint.",
    ])
      assert.doesNotMatch(reply(t), /^Call 999 now/, t);
  });
  it("leads with NHS 111 for urgent symptoms that are not emergencies", () => {
    for (const t of [
      "My toddler has had a very high temperature for two days, what should I do?",
      "I've been vomiting blood this morning, is that bad?",
    ]) {
      const r = reply(t);
      assert.match(r, /^If you need medical help now, please call NHS 111/, t);
      assert.match(r, /999/, t);
    }
  });
});

describe("redactText", () => {
  it("applies several redactions at once and merges overlapping ones", () => {
    const t = "Ann Lee, 84, of 2 Elm Road";
    const r = (start: number, end: number, label: string) => ({ span: { start, end }, label });
    assert.equal(
      redactText(t, [r(16, 26, "[address]"), r(0, 7, "[name]"), r(9, 11, "[age]"), r(9, 11, "[age]")]),
      "[name], [age], of [address]",
    );
    assert.equal(redactText(t, [r(16, 26, "[address]"), r(18, 26, "[place]")]), "Ann Lee, 84, of [address]");
  });
});
