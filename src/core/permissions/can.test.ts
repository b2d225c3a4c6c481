import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Role } from "../roles";
import { allowedActions, authorize, can, decide } from "./index";
import type { PermissionMember, PolicyVersionResource } from "./types";

const long_ago = new Date("2026-01-01T00:00:00Z");
const consultation = new Date("2026-06-01T09:00:00Z");
const later = new Date("2026-06-02T09:00:00Z");

const member = (userId: string, roles: Role[], grantedAt = long_ago): PermissionMember => ({
  userId,
  roles,
  grantedAt: Object.fromEntries(roles.map((r) => [r, grantedAt])),
});

const version = (over: Partial<PolicyVersionResource> = {}): PolicyVersionResource => ({
  type: "policy-version",
  status: "consultation",
  revision: 3,
  lastEditorId: "editor",
  consultationStartedAt: consultation,
  staffRep: { decision: "agree", revision: 3 },
  practiceHasStaffRep: true,
  ...over,
});

const approver = member("approver", ["approver", "staff"]);
const admin = member("editor", ["admin", "staff"]);
const staff = member("staff", ["staff"]);

describe("can: one permission model", () => {
  it("an approver may approve a version in consultation that the staff representative agreed to", () => {
    assert.equal(can(approver, "approve", version()), true);
  });

  it("the last editor may never approve, even holding the approver role", () => {
    const editorApprover = member("editor", ["admin", "approver"]);
    const d = decide(editorApprover, "approve", version());
    assert.equal(d?.code, "forbidden");
    assert.match(d!.message, /last change/);
  });

  it("an approver role granted after consultation began does not count for that version", () => {
    const selfGranted = member("admin-2", ["admin", "approver"]);
    selfGranted.grantedAt.approver = later;
    const d = decide(selfGranted, "approve", version());
    assert.equal(d?.code, "forbidden");
    assert.match(d!.message, /after this version went out for consultation/);
    // The same role counts for a version that went out after it was granted.
    assert.equal(
      can(selfGranted, "approve", version({ consultationStartedAt: new Date("2026-07-01") })),
      true,
    );
  });

  it("a role granted at the very moment consultation began counts", () => {
    assert.equal(can(member("a", ["approver"], consultation), "approve", version()), true);
  });

  it("a staff-rep role granted after consultation began cannot agree on that version", () => {
    const rep = member("rep", ["staff-rep"], later);
    assert.equal(decide(rep, "record-staff-view", version())?.code, "forbidden");
    assert.equal(can(member("rep", ["staff-rep"]), "record-staff-view", version()), true);
  });

  it("a role with no grant time never counts for a version out for consultation", () => {
    const unknown: PermissionMember = { userId: "x", roles: ["approver"], grantedAt: {} };
    assert.equal(can(unknown, "approve", version()), false);
  });

  it("approval waits for the staff representative's agreement to this very revision", () => {
    assert.equal(decide(approver, "approve", version({ staffRep: null }))?.code, "conflict");
    assert.match(
      decide(approver, "approve", version({ staffRep: { decision: "agree", revision: 2 } }))!.message,
      /changed since/,
    );
    assert.match(
      decide(approver, "approve", version({ staffRep: { decision: "object", revision: 3 } }))!.message,
      /objected/,
    );
    assert.equal(can(approver, "approve", version({ staffRep: null, practiceHasStaffRep: false })), true);
  });

  it("roles come before state: staff get forbidden, not conflict, for an admin action in the wrong state", () => {
    assert.equal(decide(staff, "publish", version({ status: "draft" }))?.code, "forbidden");
    assert.equal(decide(admin, "publish", version({ status: "draft" }))?.code, "conflict");
  });

  it("only a draft or a version in consultation is edited; only an approved one is published", () => {
    for (const status of ["published", "superseded", "approved", "discarded"] as const)
      assert.equal(decide(admin, "edit", version({ status }))?.code, "conflict", status);
    assert.equal(can(admin, "edit", version({ status: "consultation" })), true);
    assert.equal(decide(admin, "publish", version({ status: "consultation" }))?.code, "conflict");
    assert.equal(can(admin, "publish", version({ status: "approved" })), true);
    assert.equal(decide(approver, "approve", version({ status: "draft" }))?.code, "conflict");
  });

  it("lists what a member may do on a version, state included", () => {
    assert.deepEqual(allowedActions(admin, version({ status: "draft", consultationStartedAt: null })), [
      "view",
      "edit",
      "start-consultation",
      "comment",
      "answer-comments",
      "discard",
    ]);
    assert.deepEqual(allowedActions(admin, version({ status: "approved" })), ["view", "publish", "discard"]);
    assert.deepEqual(allowedActions(staff, version({ status: "published" })), ["view", "acknowledge"]);
    assert.deepEqual(allowedActions(approver, version()), ["view", "comment", "approve", "request-changes"]);
  });

  it("practice actions follow the role", () => {
    assert.deepEqual(allowedActions(staff, { type: "practice" }), [
      "view",
      "view-settings",
      "view-staff",
      "use-checker",
      "report-concern",
      "view-incidents",
      "use-my-accounts",
    ]);
    assert.equal(can(admin, "view-audit", { type: "practice" }), true);
    assert.equal(can(staff, "manage-staff", { type: "practice" }), false);
  });

  it("an admin cannot deactivate themselves, and a member is deactivated once", () => {
    assert.equal(
      decide(admin, "deactivate", { type: "member", userId: "editor", active: true })?.code,
      "conflict",
    );
    assert.equal(can(admin, "deactivate", { type: "member", userId: "other", active: true }), true);
    assert.deepEqual(allowedActions(admin, { type: "member", userId: "other", active: false }), [
      "change-roles",
      "reactivate",
    ]);
  });

  it("authorize throws the plain sentence as an AppError", () => {
    assert.throws(
      () => authorize(staff, "create-draft", { type: "policy", hasOpenDraft: false, hasPublished: true }),
      (e: Error & { code?: string }) => e.code === "forbidden" && /practice manager/.test(e.message),
    );
  });
});
