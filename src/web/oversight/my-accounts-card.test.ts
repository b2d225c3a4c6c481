import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { myAccountsCardText } from "./my-accounts-card";

describe("the My accounts card on Oversight", () => {
  it("says how many members do not share, so one sharer at 100% is not read as everyone", () => {
    assert.equal(
      myAccountsCardText({ members: 3, shared: 1, completed: 1, percent: 100 }),
      "1 of 1 member who shares it (100%) has completed the check of their own accounts. 2 of the 3 active members do not share whether they completed it.",
    );
    assert.equal(
      myAccountsCardText({ members: 5, shared: 4, completed: 2, percent: 50 }),
      "2 of 4 members who share it (50%) have completed the check of their own accounts. 1 of the 5 active members does not share whether they completed it.",
    );
  });

  it("adds nothing when everyone shares, and gives the member count when nobody does", () => {
    assert.equal(
      myAccountsCardText({ members: 2, shared: 2, completed: 0, percent: 0 }),
      "0 of 2 members who share it (0%) have completed the check of their own accounts.",
    );
    assert.equal(
      myAccountsCardText({ members: 1, shared: 0, completed: 0, percent: null }),
      "Nobody has agreed to share whether they completed the check of their own accounts yet (1 active member).",
    );
  });
});
