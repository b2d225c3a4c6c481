// The personal-account check's answers belong to the member alone: no role, admin included, reads another's.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { allowedActions, can, decide, type PermissionMember } from "../../src/core/permissions";
import { ROLES, type Role } from "../../src/core/roles";

const member = (userId: string, roles: Role[]): PermissionMember => ({ userId, roles, grantedAt: {} });

describe("permissions: My accounts", () => {
  it("every member keeps their own check, whatever their roles", () => {
    for (const role of ROLES) {
      const m = member("me", [role]);
      assert.equal(can(m, "use-my-accounts", { type: "practice" }), true, role);
      assert.deepEqual(allowedActions(m, { type: "my-accounts-check", ownerId: "me" }), [
        "view-answers",
        "save-answers",
      ]);
    }
  });

  it("nobody reads or changes another member's answers, an admin holding every role included", () => {
    const everything = member("manager", [...ROLES]);
    const theirs = { type: "my-accounts-check", ownerId: "reception" } as const;
    assert.equal(decide(everything, "view-answers", theirs)?.code, "forbidden");
    assert.equal(can(everything, "save-answers", theirs), false);
    assert.deepEqual(allowedActions(everything, theirs), []);
  });

  it("only an admin sees the summary and manages the platforms", () => {
    const admin = member("a", ["admin"]);
    assert.equal(can(admin, "view-my-accounts-summary", { type: "practice" }), true);
    assert.equal(can(admin, "manage-my-accounts-platforms", { type: "practice" }), true);
    for (const role of ROLES.filter((r) => r !== "admin")) {
      assert.equal(can(member("s", [role]), "view-my-accounts-summary", { type: "practice" }), false, role);
      assert.equal(
        can(member("s", [role]), "manage-my-accounts-platforms", { type: "practice" }),
        false,
        role,
      );
    }
  });
});
