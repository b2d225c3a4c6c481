import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { RULE_IDS } from "../checker/types";
import { policyTemplate } from "./template";
import { documentSchema } from "./document-schema";
import { numberedClauses, renderPolicy } from "./numbering";
import { clauseMap, defaultClauseMap } from "./clause-map";
import { fillPlaceholders, missingPlaceholders, practiceDetails } from "./placeholders";
import { isSourceId } from "./sources";

const details = practiceDetails("Riverside Surgery", {
  phone: "01234 567890",
  website: "https://riverside.example",
  onlineConsultationUrl: "https://riverside.example/oc",
  complaintsProcedureUrl: "https://riverside.example/complaints",
});

describe("the policy template", () => {
  it("passes its own document validation, with unique keys", () => {
    const r = documentSchema.safeParse(policyTemplate());
    assert.equal(r.success, true, r.success ? "" : JSON.stringify(r.error.issues.slice(0, 3)));
  });

  it("covers every topic the issue lists", () => {
    const titles = policyTemplate()
      .sections.map((s) => s.title.toLowerCase())
      .join(" | ");
    for (const t of [
      "scope",
      "private and business",
      "say about the practice",
      "confidentiality",
      "privacy",
      "bullying",
      "hot topics",
      "employee",
      "nhsmail",
      "at work",
      "sick leave",
      "profile pictures",
      "friend requests",
      "own accounts",
      "patients",
      "discipline",
      "review",
    ])
      assert.match(titles, new RegExp(t), `no section about ${t}`);
  });

  it("gives every clause at least one source except the practice's own requests of patients, and only known sources", () => {
    for (const n of numberedClauses(policyTemplate())) {
      for (const s of n.clause.sources) assert.ok(isSourceId(s), `${n.number} cites unknown ${s}`);
      if (n.sectionKey !== "what-we-ask-of-patients")
        assert.ok(n.clause.sources.length > 0, `${n.number} ${n.clause.title} has no source`);
    }
  });

  it("maps every checker rule to a clause", () => {
    const map = defaultClauseMap();
    for (const rule of RULE_IDS) assert.ok(map[rule], `no clause for ${rule}`);
    assert.deepEqual(map["clinical-detail"], {
      number: "4.1",
      title: "No clinical information, however small",
    });
  });

  it("follows the practice's own numbering when clauses move", () => {
    const doc = policyTemplate();
    const conf = doc.sections.find((s) => s.key === "confidentiality")!;
    conf.clauses.reverse();
    assert.equal(clauseMap(doc)["clinical-detail"]?.number, `4.${conf.clauses.length}`);
  });

  it("has patient-facing clauses covering appointments, complaints, reviews, photos and endorsement", () => {
    const text = renderPolicy(policyTemplate(), { details, day: "2026-11-21", patientFacingOnly: true })
      .flatMap((s) => s.clauses.map((c) => c.text))
      .join(" ");
    for (const w of [
      "appointments",
      "complaints procedure",
      "nhs.uk",
      "photographs",
      "not necessarily endorsing",
      "NHS 111",
      "999",
      "NHS App",
      "01234 567890",
      "https://riverside.example/oc",
    ])
      assert.ok(text.includes(w), `patient-facing text lacks ${w}`);
  });
});

describe("placeholders", () => {
  it("fill from practice settings", () => {
    assert.equal(
      fillPlaceholders("Call {{practice.phone}} at {{ practice.name }}", details),
      "Call 01234 567890 at Riverside Surgery",
    );
  });
  it("show a visible gap when a setting is missing, and are reported", () => {
    const bare = practiceDetails("X", {});
    assert.equal(fillPlaceholders("Call {{practice.phone}}", bare), "Call [the practice's phone number]");
    assert.deepEqual(missingPlaceholders("{{practice.phone}} {{practice.name}}", bare), ["practice.phone"]);
  });
  it("leave unknown names alone", () => {
    assert.equal(fillPlaceholders("{{secret.env}}", details), "{{secret.env}}");
  });
});
