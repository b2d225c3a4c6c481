import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { policyTemplate } from "../policy/template";
import type { PolicyDocument } from "../policy/types";
import {
  buildChecklist,
  checklistProgress,
  currentAnswers,
  ITEMS,
  keptAnswers,
  platformKeyOf,
  SEED_PLATFORMS,
  type Answers,
} from "./index";

const template = policyTemplate();
const allDone = (checklist: ReturnType<typeof buildChecklist>): Answers =>
  Object.fromEntries(
    checklist.platforms.map((p) => [
      p.key,
      { uses: true, items: Object.fromEntries(ITEMS.map((i) => [i.id, "done"])) },
    ]),
  );

describe("my accounts: the checklist", () => {
  it("covers every platform the seed documents name, and every item on each, with steps or a reason", () => {
    assert.deepEqual(
      SEED_PLATFORMS.map((p) => p.key),
      ["facebook", "x", "instagram", "tiktok", "linkedin", "reddit", "strava"],
    );
    for (const p of SEED_PLATFORMS)
      for (const i of ITEMS) {
        const g = p.guidance[i.id];
        assert.ok(g, `${p.name}: ${i.id}`);
        if (g.applies)
          assert.ok(g.steps.length > 0 && g.steps.every((s) => s.trim().length > 20), `${p.name}: ${i.id}`);
        else assert.ok(g.reason.length > 20, `${p.name}: ${i.id}`);
      }
  });

  it("says Strava's privacy zones are the way to hide home and the surgery", () => {
    const strava = SEED_PLATFORMS.find((p) => p.key === "strava")!.guidance["location-sharing"];
    assert.ok(strava.applies);
    assert.match(strava.steps.join(" "), /Map Visibility/);
    assert.match(strava.steps.join(" "), /home address and the surgery/);
  });

  it("links each item to the practice's own clause, numbered as its policy numbers it", () => {
    const checklist = buildChecklist(template, []);
    const privacy = checklist.items.find((i) => i.id === "privacy-settings")!;
    assert.equal(privacy.clause?.key, "set-privacy-high");
    assert.match(privacy.clause!.number, /^\d+\.\d+$/);
    for (const item of checklist.items) assert.ok(item.clause, `${item.id} links a clause of the template`);
  });

  it("falls back to the next clause an item rests on, and links nothing the policy does not have", () => {
    const without: PolicyDocument = {
      sections: template.sections.map((s) => ({
        ...s,
        clauses: s.clauses.filter((c) => c.key !== "set-privacy-high" && c.key !== "location-sharing"),
      })),
    };
    const checklist = buildChecklist(without, []);
    assert.equal(
      checklist.items.find((i) => i.id === "privacy-settings")!.clause?.key,
      "never-rely-on-privacy",
    );
    assert.equal(checklist.items.find((i) => i.id === "location-sharing")!.clause, null);
    assert.ok(buildChecklist(null, []).items.every((i) => i.clause === null));
  });

  it("gives a practice-added platform every item with generic guidance, after the seed platforms", () => {
    const checklist = buildChecklist(template, [{ key: "mastodon", name: "Mastodon" }]);
    const last = checklist.platforms.at(-1)!;
    assert.equal(last.name, "Mastodon");
    assert.equal(last.addedByPractice, true);
    assert.ok(ITEMS.every((i) => last.guidance[i.id].applies));
  });

  it("makes a platform's key from its name", () => {
    assert.equal(platformKeyOf("Mastodon"), "mastodon");
    assert.equal(platformKeyOf("  Next door! "), "next-door");
    assert.equal(platformKeyOf("!!!"), "");
  });
});

describe("my accounts: progress", () => {
  const checklist = buildChecklist(template, []);

  it("is complete when every platform is unused or has every item that applies done or not applicable", () => {
    const answers = allDone(checklist);
    assert.equal(checklistProgress(checklist, answers).complete, true);
    answers.facebook = { uses: false };
    answers.x = {
      uses: true,
      items: { ...(answers.x as { items: object }).items, "neutral-picture": "not-applicable" },
    };
    assert.equal(checklistProgress(checklist, answers).complete, true);
  });

  it("is not complete while any item is 'not yet' or any platform is unanswered", () => {
    const answers = allDone(checklist);
    answers.tiktok = { uses: true, items: { "privacy-settings": "not-yet" } };
    const progress = checklistProgress(checklist, answers);
    assert.equal(progress.complete, false);
    assert.equal(progress.platforms.find((p) => p.key === "tiktok")!.state, "in-progress");
    delete answers.tiktok;
    assert.equal(
      checklistProgress(checklist, answers).platforms.find((p) => p.key === "tiktok")!.state,
      "not-started",
    );
    assert.equal(checklistProgress(checklist, {}).complete, false);
  });

  it("does not ask for items that do not apply on a platform", () => {
    const reddit = checklist.platforms.find((p) => p.key === "reddit")!;
    const applicable = ITEMS.filter((i) => reddit.guidance[i.id].applies);
    assert.ok(applicable.length < ITEMS.length);
    const answers: Answers = {
      reddit: { uses: true, items: Object.fromEntries(applicable.map((i) => [i.id, "done"])) },
    };
    assert.equal(
      checklistProgress(checklist, answers).platforms.find((p) => p.key === "reddit")!.state,
      "complete",
    );
  });

  it("a platform added later makes a complete check incomplete until it is answered", () => {
    const answers = allDone(checklist);
    const more = buildChecklist(template, [{ key: "mastodon", name: "Mastodon" }]);
    assert.equal(checklistProgress(more, answers).complete, false);
    answers.mastodon = { uses: false };
    assert.equal(checklistProgress(more, answers).complete, true);
  });

  it("keeps only answers for items that exist and apply, and drops platforms no longer listed", () => {
    const kept = keptAnswers(checklist, "reddit", {
      uses: true,
      items: { "patient-friend-requests": "done", "privacy-settings": "not-yet" },
    });
    assert.deepEqual(kept, { uses: true, items: { "privacy-settings": "not-yet" } });
    assert.equal(keptAnswers(checklist, "myspace", { uses: false }), null);
    assert.deepEqual(currentAnswers(checklist, { myspace: { uses: false }, x: { uses: false } }), {
      x: { uses: false },
    });
  });
});
