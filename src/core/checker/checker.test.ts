import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { check, DEFAULT_CLAUSES } from "./index";
import type { CheckContext, PracticeProfile, RuleId } from "./types";

const flagged = (
  text: string,
  context: CheckContext = "personal",
  profile?: PracticeProfile,
  onSickLeave = false,
): RuleId[] =>
  check({ text, context, author: { onSickLeave } }, profile)
    .findings.filter((f) => f.severity !== "advice")
    .map((f) => f.rule)
    .sort();

const profile: PracticeProfile = {
  practiceNames: ["Oakfield Surgery"],
  staffNames: ["Bronwyn Hale", "Dr Imran Qureshi"],
  phones: ["01632 960 777"],
  emailDomains: ["oakfield.example"],
  places: ["Millbrook"],
};

describe("patient-identifier", () => {
  it("flags a valid NHS number in any post", () => {
    assert.deepEqual(flagged("Can someone check 401 023 2137 on the system"), ["patient-identifier"]);
  });
  it("flags a named patient with a date of birth", () => {
    assert.ok(
      flagged(
        "Lovely to see our patient Mr Alan Pritchard (born 2 May 1930) at the surgery",
        "practice",
      ).includes("patient-identifier"),
    );
  });
  it("flags jigsaw identification: age + condition + place, with no name", () => {
    const r = flagged(
      "Saw an 87 year old gent from Millbrook this morning with a broken hip",
      "personal",
      profile,
    );
    assert.ok(r.includes("patient-identifier"));
    assert.ok(r.includes("clinical-detail"));
  });
  it("reads a counted event as a patient's history: second fall, another fit, two falls", () => {
    const t = "Lovely 91 year old lady in this afternoon after her third fall since Christmas";
    const r = check({ text: t });
    assert.deepEqual(r.findings.map((f) => f.rule).sort(), ["clinical-detail", "patient-identifier"]);
    const jig = r.findings.find((f) => f.reason === "jigsaw")!;
    assert.equal(t.slice(jig.start, jig.end), "91 year old");
    assert.match(jig.suggestion, /Lovely \[age\] lady/);
    assert.ok(
      flagged("One chap had another nasty fit in the waiting room yesterday").includes("clinical-detail"),
    );
    assert.deepEqual(flagged("Another stroke of luck: the sun came out for our second fun run"), []);
    assert.deepEqual(flagged("Second fall of snow this week, drive carefully everyone", "practice"), []);
  });
  it("redacts the identifiers in the suggestion", () => {
    const f = check({ text: "Can someone check 401 023 2137 on the system" }).findings[0]!;
    assert.match(f.suggestion, /\[NHS number\]/);
    assert.doesNotMatch(f.suggestion, /401 023 2137/);
  });
  it("shows the text with every identifier removed in each patient-identifier suggestion", () => {
    const t = "Popped in on Mr Dennis Okoro, 79, at 14 Quarry Lane today, his leg ulcer is no better";
    const pid = check({ text: t }).findings.filter((f) => f.rule === "patient-identifier");
    assert.ok(pid.length >= 2, JSON.stringify(pid.map((f) => f.reason)));
    const want = 'For example: "Popped in on [name], [age], at [address] today, his leg ulcer is no better"';
    for (const f of pid) assert.ok(f.suggestion.endsWith(want), f.suggestion);
    assert.equal(new Set(pid.map((f) => `${f.start}:${f.end}:${f.reason}`)).size, pid.length);
  });
  it("does not flag a group age in a health notice", () => {
    assert.deepEqual(
      flagged("Shingles vaccines are offered to people aged 70 and over. Ask at reception.", "practice"),
      [],
    );
  });
  it("does not flag the writer's own family milestones", () => {
    assert.deepEqual(flagged("My little boy turned 5 today and had the best party"), []);
  });
});

describe("clinical-detail", () => {
  it("flags a patient story without a name", () => {
    assert.ok(
      flagged("A lady came in today convinced her cough was cancer. It was a cold.").includes(
        "clinical-detail",
      ),
    );
  });
  it("does not flag the writer's own health", () => {
    assert.deepEqual(flagged("My migraine is finally easing, back to work tomorrow"), []);
  });
  it("does not flag learning about a condition", () => {
    assert.deepEqual(
      flagged("Brilliant webinar on asthma inhaler technique this evening, highly recommend"),
      [],
    );
  });
});

describe("work contact details and employer", () => {
  it("flags an NHSmail address used to sell something", () => {
    assert.deepEqual(flagged("Selling my old bike, £60, email sam.jones@nhs.net"), ["work-contact-details"]);
  });
  it("flags the practice's number on a personal post, not on the practice's own post", () => {
    assert.deepEqual(flagged("Text me about the sofa on 01632 960 777", "personal", profile), [
      "work-contact-details",
    ]);
    assert.deepEqual(flagged("Call us on 01632 960 777 to book your flu jab", "practice", profile), []);
  });
  it("flags naming the practice as employer on a personal account", () => {
    assert.deepEqual(flagged("Another busy Monday at Oakfield Surgery where I work", "personal", profile), [
      "employer-identification",
    ]);
  });
  it("does not flag a practice post naming itself", () => {
    assert.deepEqual(
      flagged("Oakfield Surgery will be closed for training on Wednesday afternoon", "practice", profile),
      [],
    );
  });
});

describe("conduct", () => {
  it("flags bullying a colleague", () => {
    assert.ok(flagged("Our new receptionist is completely useless, hasn't got a clue").includes("bullying"));
  });
  it("flags venting about patients but not a moan about the weather", () => {
    assert.ok(
      flagged("Sick of patients who think antibiotics fix a cold. Give me strength.").includes("venting"),
    );
    assert.deepEqual(flagged("Honestly sick of this rain, roll on summer"), []);
  });
  it("flags a damaging allegation about an identifiable organisation", () => {
    assert.ok(
      flagged(
        "The practice manager at Oakfield Surgery is stealing from the petty cash",
        "personal",
        profile,
      ).includes("defamation"),
    );
  });
  it("flags vaccine misinformation but not a vaccine notice or a myth-buster", () => {
    assert.deepEqual(flagged("The flu jab gives you flu and contains microchips, do your own research"), [
      "misinformation",
    ]);
    assert.deepEqual(flagged("Flu jabs are now available for over 65s at the surgery", "practice"), []);
    assert.deepEqual(
      flagged("Myth: the flu jab gives you flu. It does not cause flu and is safe.", "practice"),
      [],
    );
  });
  it("flags an invitation to send medical details over social media, not a notice that points elsewhere", () => {
    assert.deepEqual(flagged("DM us your symptoms and date of birth and we will call you back", "practice"), [
      "insecure-channel",
    ]);
    assert.deepEqual(
      flagged("Please do not message us about prescriptions here. Use the NHS App instead.", "practice"),
      [],
    );
  });
  it("flags a day out while on sick leave, and the same post is fine otherwise", () => {
    const text = "Fantastic night out at the festival, can't wait for tomorrow 🎉";
    assert.deepEqual(flagged(text, "personal", undefined, true), ["sick-leave-conflict"]);
    assert.deepEqual(flagged(text, "personal", undefined, false), []);
  });
});

describe("abuse", () => {
  it("flags insults and threats in comments", () => {
    assert.ok(flagged("You are a bunch of muppets", "comment").includes("abuse"));
    assert.ok(flagged("I know where you live, watch your back", "comment").includes("abuse"));
  });
  it("sees through masked, spaced, leet and look-alike spellings", () => {
    for (const t of [
      "what a f***ing joke",
      "you absolute i d i o t",
      "sh1t service from a m0ron",
      "you іdіоt",
    ])
      assert.ok(flagged(t, "comment").includes("abuse"), t);
  });
  it("does not flag a complaint about a service as abuse", () => {
    assert.deepEqual(flagged("The booking system is useless and the wait was terrible", "comment"), []);
  });
});

describe("comments", () => {
  it("flags a comment naming a receptionist, and a titled doctor", () => {
    // The abuse classifier also gives this one a warning ("reception" is common in abusive comments in its
    // training data): a known false alarm, listed in docs/quality.md. The staff finding is what is tested here.
    assert.ok(
      flagged("Bronwyn on reception sorted it all out", "comment", profile).includes("staff-identification"),
    );
    assert.deepEqual(flagged("Dr Qureshi was brilliant with my dad", "comment", profile), [
      "staff-identification",
    ]);
  });
  it("flags a first name followed by where staff work or their role", () => {
    for (const t of [
      "Shona at the front desk was really short with me",
      "Marcus on the phones was so patient with my nan",
      "Huge thanks to Leanne the nurse",
    ])
      assert.deepEqual(flagged(t, "comment"), ["staff-identification"], t);
    assert.deepEqual(flagged("My husband Dave sat in reception for an hour", "comment"), []);
  });
  it("does not flag a practice welcoming a new nurse by first name", () => {
    assert.deepEqual(
      flagged("Please welcome Megan, who joins us as a practice nurse this week", "practice"),
      [],
    );
  });
  it("flags medical details a patient shares about themselves", () => {
    assert.ok(
      flagged("My blood pressure was 180/110 this morning and I'm on amlodipine", "comment").includes(
        "medical-information-shared",
      ),
    );
    assert.deepEqual(flagged("Can I book my flu jab for next week?", "comment"), []);
  });
});

describe("verdict", () => {
  it("is ok with no findings, review for warnings, do-not-post for a breach", () => {
    assert.equal(check({ text: "Lovely sunny day for a bike ride" }).verdict, "ok");
    assert.equal(check({ text: "Selling my old bike, email sam.jones@nhs.net" }).verdict, "review");
    assert.equal(check({ text: "Check 401 023 2137 please" }).verdict, "do-not-post");
  });
  it("cites the default clause unless the practice overrides it", () => {
    const f = check({ text: "Check 401 023 2137 please" }).findings[0]!;
    assert.equal(f.clause, DEFAULT_CLAUSES["patient-identifier"].number);
    const g = check(
      { text: "Check 401 023 2137 please" },
      { clauses: { "patient-identifier": { number: "9.9", title: "Ours" } } },
    ).findings[0]!;
    assert.equal(g.clause, "9.9");
    assert.equal(g.clauseTitle, "Ours");
  });
});

describe("hot topics from the practice's policy", () => {
  const topics: PracticeProfile = {
    hotTopics: [
      {
        id: "water",
        label: "Local water scare",
        claims: ["tap water is poisoned"],
        start: "2026-01-01",
        end: "2026-03-31",
      },
    ],
  };
  it("flags a hot-topic claim while the topic is active, and not after it ends", () => {
    const text = "Don't drink it, the tap water is poisoned round here";
    assert.ok(check({ text, date: "2026-02-10" }, topics).findings.some((f) => f.rule === "misinformation"));
    assert.ok(
      !check({ text: "the tap water is poisoned", date: "2026-06-01" }, topics).findings.some(
        (f) => f.rule === "misinformation",
      ),
    );
  });
});
