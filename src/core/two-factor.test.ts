import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { needsSecondFactor } from "./two-factor";

describe("who needs a second factor", () => {
  it("asks it of admins, approvers and posters but not of staff when the practice requires it by role", () => {
    assert.equal(needsSecondFactor([{ policy: "roles", roles: ["staff"] }]), false);
    assert.equal(needsSecondFactor([{ policy: "roles", roles: ["staff-rep", "staff"] }]), false);
    for (const role of ["admin", "approver", "poster"])
      assert.equal(needsSecondFactor([{ policy: "roles", roles: [role, "staff"] }]), true, role);
  });

  it("asks it of everyone when the practice says so, and of nobody in the demo practice", () => {
    assert.equal(needsSecondFactor([{ policy: "everyone", roles: ["staff"] }]), true);
    assert.equal(needsSecondFactor([{ policy: "off", roles: ["admin"] }]), false);
  });

  it("is enough that one practice asks it, and treats an unknown policy as the strictest", () => {
    assert.equal(
      needsSecondFactor([
        { policy: "off", roles: ["admin"] },
        { policy: "everyone", roles: ["staff"] },
      ]),
      true,
    );
    assert.equal(needsSecondFactor([{ policy: "strange", roles: ["staff"] }]), true);
    assert.equal(needsSecondFactor([]), false);
  });
});
