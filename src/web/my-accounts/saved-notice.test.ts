import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { savedNotice } from "./saved-notice";

describe("the notice after saving a platform on My accounts", () => {
  it("says how many items are not done yet when the platform is in progress", () => {
    assert.equal(
      savedNotice({ name: "Facebook", state: "in-progress", answered: 7, applicable: 8 }),
      "Your answers for Facebook are saved. 1 item on Facebook is not done yet: come back to it from All platforms.",
    );
    assert.equal(
      savedNotice({ name: "X (Twitter)", state: "in-progress", answered: 0, applicable: 6 }),
      "Your answers for X (Twitter) are saved. 6 items on X (Twitter) are not done yet: come back to them from All platforms.",
    );
  });

  it("says only that it is saved when the platform is done or not used", () => {
    for (const state of ["complete", "not-used"] as const)
      assert.equal(
        savedNotice({ name: "Strava", state, answered: 0, applicable: 7 }),
        "Your answers for Strava are saved.",
      );
  });
});
