// Reply templates: placeholders filled from the practice's details, unknown ones named, the built-in replies as
// defaults, and when a reply may go without a second person.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  DEFAULT_REPLY_TEMPLATES,
  fillReplyTemplate,
  INBOX_CATEGORIES,
  replyInputSchema,
  replyTemplateInputSchema,
  sendsWithoutApproval,
  unknownPlaceholders,
  type ReplyDetails,
} from "./index";
import { check } from "../checker";

const full: ReplyDetails = {
  name: "Brookfield Surgery",
  phone: "01632 960 123",
  website: "https://brookfield.example",
  onlineConsultationUrl: "https://brookfield.example/consult",
  complaintsProcedureUrl: "https://brookfield.example/complaints",
  nhsWebsiteUrl: "https://www.nhs.uk/services/gp-surgery/brookfield/X1",
};
const bare: ReplyDetails = { name: "Brookfield Surgery" };

describe("reply templates", () => {
  it("fills every placeholder from the practice's details", () => {
    const text =
      "{practice}: {callUs}, see {website}, {onlineConsultation}, {nhsApp}, review us at {nhsUkPage}, complain through {complaintsRoute}.";
    assert.equal(
      fillReplyTemplate(text, full),
      "Brookfield Surgery: call us on 01632 960 123, see https://brookfield.example, https://brookfield.example/consult, the NHS App, review us at https://www.nhs.uk/services/gp-surgery/brookfield/X1, complain through our complaints procedure (https://brookfield.example/complaints).",
    );
  });

  it("reads well when a setting is missing, with no empty gap or stray brackets", () => {
    const filled = fillReplyTemplate(
      "Please {callUs} or use {routes}; our complaints procedure{complaints}; {nhsUkPage}; {complaintsRoute}.",
      bare,
    );
    assert.equal(
      filled,
      "Please call the surgery or use the NHS App; our complaints procedure; the nhs.uk website; our complaints procedure.",
    );
  });

  it("names placeholders it does not know, and a template using one is refused", () => {
    assert.deepEqual(unknownPlaceholders("Hi {practice}, ring {fone} or {Fax}"), ["fone", "Fax"]);
    const r = replyTemplateInputSchema.safeParse({ category: "complaint", name: "x", text: "ring {fone}" });
    assert.equal(r.success, false);
    assert.match(r.error!.issues[0]!.message, /\{fone\} is not a placeholder/);
    assert.equal(fillReplyTemplate("ring {fone}", full), "ring {fone}");
  });

  it("the built-in replies are the defaults: at least one for every inbox category, all valid", () => {
    for (const c of INBOX_CATEGORIES)
      assert.ok(
        DEFAULT_REPLY_TEMPLATES.some((t) => t.category === c),
        c,
      );
    for (const t of DEFAULT_REPLY_TEMPLATES)
      assert.equal(replyTemplateInputSchema.safeParse(t).success, true, t.key);
    const complaint = DEFAULT_REPLY_TEMPLATES.find((t) => t.key === "complaint")!;
    assert.match(
      fillReplyTemplate(complaint.text, full),
      /complaints procedure \(https:\/\/brookfield\.example\/complaints\)/,
    );
    const crisis = DEFAULT_REPLY_TEMPLATES.filter((t) => t.category === "crisis");
    for (const t of crisis) assert.match(t.text.slice(0, 160), /999|NHS 111/);
  });

  it("a reply is empty or too long: a plain sentence", () => {
    const empty = replyInputSchema.safeParse({ text: "   " });
    assert.match(empty.error!.issues[0]!.message, /empty/);
    const long = replyInputSchema.safeParse({ text: "a".repeat(2_001) });
    assert.match(long.error!.issues[0]!.message, /2,000 characters/);
  });
});

describe("sending without a second person", () => {
  const template = { category: "complaint", preApproved: true, archived: false, filled: "Sorry. Ring us." };
  it("only an unedited, current, pre-approved template for the conversation's category", () => {
    assert.equal(sendsWithoutApproval("Sorry. Ring us.", template, "complaint"), true);
    assert.equal(sendsWithoutApproval("  Sorry. Ring us.\n", template, "complaint"), true);
    assert.equal(sendsWithoutApproval("Sorry! Ring us.", template, "complaint"), false, "edited");
    assert.equal(sendsWithoutApproval("Sorry. Ring us.", template, "review"), false, "other category");
    assert.equal(
      sendsWithoutApproval("Sorry. Ring us.", { ...template, preApproved: false }, "complaint"),
      false,
    );
    assert.equal(
      sendsWithoutApproval("Sorry. Ring us.", { ...template, archived: true }, "complaint"),
      false,
    );
    assert.equal(sendsWithoutApproval("Sorry. Ring us.", null, "complaint"), false, "no template");
  });
});

describe("the built-in replies and the checker", () => {
  it("pass the practice's own checker, filled in or bare", () => {
    // A practice that sends its own default reply must not be told "do not post" by safepost.
    for (const details of [full, bare])
      for (const template of DEFAULT_REPLY_TEMPLATES) {
        const result = check({ text: fillReplyTemplate(template.text, details), context: "practice" });
        assert.deepEqual(
          result.findings.map((f) => f.rule),
          [],
          `${template.name} (${details.phone ? "filled in" : "bare"})`,
        );
      }
  });
});
