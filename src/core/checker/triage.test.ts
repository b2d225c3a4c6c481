import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { check } from "./index";

const triage = (text: string) =>
  check(
    { text, context: "comment" },
    { details: { phone: "01632 960 777", complaintsProcedureUrl: "https://example.org/complaints" } },
  ).triage!;

describe("triage", () => {
  it("routes a complaint to the complaints procedure", () => {
    const t = triage("Waited forty minutes past my appointment time and nobody told us why. Really poor.");
    assert.equal(t.category, "complaint");
    assert.match(t.reply, /complaints procedure \(https:\/\/example.org\/complaints\)/);
  });
  it("does not call 'no complaints' a complaint", () => {
    assert.notEqual(triage("No complaints at all, lovely team").category, "complaint");
    for (const t of [
      "The nurses went out of their way for me on the ward",
      "Honestly second to none, faultless",
      "I wouldn't change a thing, keep up the good work",
    ])
      assert.notEqual(triage(t).category, "complaint", t);
    assert.equal(triage("Maybe take a bit more time with people, it felt rushed").category, "complaint");
    assert.notEqual(triage("Take care everyone, see you next week").category, "complaint");
  });
  it("calls a question about whether a service is offered an enquiry, not a medical query", () => {
    for (const t of [
      "Are you still offering ear syringing, or should I go to a private clinic?",
      "Do you do travel jabs, or is it a pharmacy thing?",
    ])
      assert.equal(triage(t).category, "general-enquiry", t);
    assert.equal(
      triage("I had my ears syringed last week and now my ear is painful, do I need to come back?").category,
      "medical-query",
    );
  });
  it("routes requests for appointments and prescriptions", () => {
    assert.equal(
      triage("Could I get an appointment with the nurse on Thursday?").category,
      "appointment-request",
    );
    assert.equal(
      triage("I've run out of my inhaler, can you send a new prescription to the pharmacy?").category,
      "prescription-request",
    );
  });
  it("points urgent symptoms to NHS 111 and 999 and escalates", () => {
    const t = triage("My husband has chest pain and is struggling to breathe, what should we do?");
    assert.equal(t.category, "medical-query");
    assert.match(t.reply, /NHS 111/);
    assert.match(t.reply, /999/);
    assert.equal(t.moderation.escalate, true);
  });
  it("thanks a review and points to nhs.uk", () => {
    const t = triage("Brilliant care from everyone at the surgery, thank you");
    assert.equal(t.category, "review");
    assert.match(t.reply, /nhs\.uk/);
  });
  it("hides, preserves and escalates abuse", () => {
    const t = triage("You lot are a bunch of clowns, I'll sort you out");
    assert.equal(t.category, "abuse");
    assert.deepEqual([t.moderation.hide, t.moderation.preserve, t.moderation.escalate], [true, true, true]);
  });
  it("answers a general question", () => {
    assert.equal(triage("Is there parking at the surgery?").category, "general-enquiry");
  });
  it("is only given for comments", () => {
    assert.equal(check({ text: "Brilliant care", context: "practice" }).triage, undefined);
  });
});
