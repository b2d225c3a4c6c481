// Routing of invented comments (written for these tests; none from any evaluation set).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { PracticeProfile } from "../checker";
import {
  canChangeStatus,
  CATEGORY_LABELS,
  CONVERSATION_STATUSES,
  INBOX_CATEGORIES,
  isChannelKind,
  routeComment,
  safeguardingCues,
  triageComment,
} from "./index";
import { check } from "../checker";

const profile: PracticeProfile = {
  details: {
    name: "Brookfield Surgery",
    phone: "01632 960 123",
    onlineConsultationUrl: "https://example.org/consult",
    complaintsProcedureUrl: "https://example.org/complaints",
  },
};
// A Friday in December 2026.
const FRIDAY = "2026-12-04T10:00:00Z";
const route = (text: string, receivedAt = FRIDAY) => triageComment(text, { receivedAt, profile }).route;
const tells = (r: ReturnType<typeof route>, to: string) => r.notify.find((n) => n.to === to)?.when;

describe("inbox triage routing", () => {
  it("a complaint gets the complaints procedure and a complaints-lead entry due in 3 working days", () => {
    const r = route(
      "Formal complaint: my slot came and went, forty minutes went by and no one explained the wait.",
    );
    assert.equal(r.category, "complaint");
    assert.equal(r.checkerCategory, "complaint");
    assert.deepEqual(r.complaint, { acknowledgeBy: "2026-12-09" }); // Fri → Wed
    assert.ok(r.pointTo.includes("complaints-procedure"));
    assert.match(r.reply, /complaints procedure \(https:\/\/example\.org\/complaints\)/);
    assert.equal(tells(r, "complaints-lead"), "routine");
    assert.equal(r.hide, false);
    assert.equal(r.preserveEvidence, true);
  });

  it("the complaint deadline skips Christmas bank holidays and a practice's own closure", () => {
    const text = "I want to complain about how long I was kept waiting on the phone this morning.";
    assert.equal(route(text, "2026-12-24T09:00:00Z").complaint?.acknowledgeBy, "2026-12-31");
    const closed = triageComment(text, {
      receivedAt: "2026-12-24T09:00:00Z",
      profile,
      closedDays: ["2026-12-29"],
    });
    assert.equal(closed.route.complaint?.acknowledgeBy, "2027-01-04"); // 1 January is a bank holiday too
    // 23:30 UTC on 24 December 2026 is still 24 December in the UK (GMT).
    assert.equal(route(text, "2026-12-24T23:30:00Z").complaint?.acknowledgeBy, "2026-12-31");
  });

  it("appointment and prescription requests point to the NHS App, online consultation and phone", () => {
    const a = route("Can I book an appointment with a nurse for next week please?");
    assert.equal(a.category, "appointment-request");
    assert.deepEqual(a.pointTo, ["nhs-app", "online-consultation", "phone"]);
    assert.match(a.reply, /NHS App or our online consultation form \(https:\/\/example\.org\/consult\)/);
    assert.match(a.reply, /01632 960 123/);
    assert.equal(a.complaint, null);
    const p = route(
      "Is it possible to get a repeat of my inhaler prescription sent over to the chemist on the high street?",
    );
    assert.equal(p.category, "prescription-request");
    assert.ok(p.pointTo.includes("nhs-app") && p.pointTo.includes("phone"));
    assert.equal(p.hide, true); // it names a medicine in public
  });

  it("medical details in public are hidden and given a private route", () => {
    const r = route("My NHS number is 943 476 5919 and my blood test says my thyroid is low, what now?");
    assert.equal(r.category, "medical-information");
    assert.equal(r.hide, true);
    assert.ok(r.reasons.includes("patient-identifier"));
    assert.ok(r.pointTo.includes("online-consultation"));
    assert.ok(!r.reply.includes("943"));
  });

  it("a review points to nhs.uk", () => {
    const r = route("Lovely reception team, really kind when my dad was poorly. Thank you all!");
    assert.equal(r.category, "review");
    assert.equal(r.priority, "low");
    assert.deepEqual(r.pointTo, ["nhs-uk-review"]);
    assert.match(r.reply, /nhs\.uk/);
    assert.equal(r.hide, false);
  });

  it("a threat is hidden, preserved and escalated to the admin at once", () => {
    const r = route("You lot are useless idiots and I will come down there and smash the windows.");
    assert.equal(r.category, "abuse");
    assert.equal(r.priority, "urgent");
    assert.equal(r.hide, true);
    assert.equal(r.preserveEvidence, true);
    assert.equal(tells(r, "admin"), "now");
    assert.ok(r.reasons.includes("threat"));
  });

  it("naming a member of staff is hidden, preserved and escalated, and a complaint in it is still logged", () => {
    const r = route("Dr Pemberton-Slate was rude to my mum and should be sacked.");
    assert.equal(r.hide, true);
    assert.equal(r.preserveEvidence, true);
    assert.ok(tells(r, "admin"));
    assert.ok(r.reasons.includes("staff-identification"));
    assert.ok(!r.reply.includes("Pemberton"));
    assert.equal(r.checkerCategory, "complaint");
    assert.deepEqual(r.complaint, { acknowledgeBy: "2026-12-09" });
  });

  it("a safeguarding concern notifies the safeguarding lead now", () => {
    const r = route(
      "My neighbour's little boy is always covered in bruises and left alone at night, I'm worried.",
    );
    assert.equal(r.category, "safeguarding");
    assert.equal(r.priority, "urgent");
    assert.equal(tells(r, "safeguarding-lead"), "now");
    assert.equal(r.hide, true);
    assert.equal(r.preserveEvidence, true);
    assert.match(r.reply, /999/);
    assert.deepEqual(
      r.reasons.filter((x) => x.startsWith("person") || x.startsWith("safeguarding")),
      ["person-at-risk-harmed"],
    );
  });

  it("a crisis is urgent and the reply starts with 999, NHS 111 or Samaritans", () => {
    for (const text of [
      "I can't go on any more, I want to end my life tonight.",
      "My husband has crushing chest pain and his lips are going blue, what do I do?",
    ]) {
      const r = route(text);
      assert.equal(r.category, "crisis", text);
      assert.equal(r.priority, "urgent");
      assert.equal(r.hide, true);
      assert.equal(tells(r, "duty-clinician"), "now");
      assert.equal(tells(r, "posters"), "now");
      const first = r.reply
        .split(/(?<=\.)\s/)
        .slice(0, 2)
        .join(" ");
      assert.match(first, /999|NHS 111|Samaritans/);
    }
    assert.ok(route("I can't go on any more, I want to end my life tonight.").pointTo.includes("samaritans"));
  });

  it("a plain question is a general enquiry with no moderation", () => {
    const r = route("What time do you open on Saturday?");
    assert.equal(r.category, "general-enquiry");
    assert.equal(r.hide, false);
    assert.equal(r.preserveEvidence, false);
    assert.deepEqual(r.notify, []);
  });

  it("reasons are codes, never the comment's words", () => {
    const r = route("Dr Pemberton-Slate was rude to my mum and should be sacked.");
    for (const reason of r.reasons) assert.match(reason, /^[a-z-]+$/);
    assert.ok(!JSON.stringify(r.reasons).includes("Pemberton"));
  });

  it("needs a comment-context result and a real received time", () => {
    const post = check({ text: "Flu clinics start on Monday.", context: "practice" });
    assert.throws(
      () => routeComment(post, "Flu clinics start on Monday.", { receivedAt: FRIDAY }),
      TypeError,
    );
    assert.throws(() => route("I want to complain about the car park.", "not a time"), RangeError);
  });
});

describe("safeguarding cues", () => {
  it("finds a person at risk being harmed, and phrases that are concerns on their own", () => {
    assert.deepEqual(safeguardingCues("The girl next door is being hit by her stepdad."), [
      "person-at-risk-harmed",
    ]);
    assert.deepEqual(safeguardingCues("I think my sister is living with domestic abuse."), [
      "safeguarding-phrase",
    ]);
  });
  it("does not fire on an ordinary injury or a child's appointment", () => {
    assert.deepEqual(safeguardingCues("My son hurt his knee at football, can he be seen today?"), []);
    assert.deepEqual(safeguardingCues("Can I book my daughter's vaccinations?"), []);
  });
});

describe("inbox types", () => {
  it("knows its channels, statuses and labels", () => {
    assert.ok(isChannelKind("bluesky") && isChannelKind("website") && !isChannelKind("myspace"));
    assert.deepEqual(CONVERSATION_STATUSES, [
      "new",
      "in_progress",
      "awaiting_approval",
      "answered",
      "closed",
    ]);
    for (const c of INBOX_CATEGORIES) assert.ok(CATEGORY_LABELS[c]);
  });
  it("allows only sensible status changes", () => {
    assert.equal(canChangeStatus("new", "in_progress"), true);
    assert.equal(canChangeStatus("awaiting_approval", "answered"), true);
    assert.equal(canChangeStatus("closed", "awaiting_approval"), false);
    assert.equal(canChangeStatus("answered", "awaiting_approval"), false);
  });
});
