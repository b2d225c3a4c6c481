import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AppError } from "../errors";
import {
  canMoveIncident,
  checkIncidentMove,
  INCIDENT_TYPE_LABELS,
  INCIDENT_TYPES,
  isIncidentType,
} from "./types";

describe("incident types and statuses", () => {
  it("names the five kinds of incident in plain words", () => {
    assert.equal(INCIDENT_TYPES.length, 5);
    for (const t of INCIDENT_TYPES) assert.ok(INCIDENT_TYPE_LABELS[t].length > 5);
    assert.equal(isIncidentType("conduct"), true);
    assert.equal(isIncidentType("gossip"), false);
  });

  it("allows reported → open → closed and reopening, nothing backwards to reported", () => {
    assert.equal(canMoveIncident("reported", "open"), true);
    assert.equal(canMoveIncident("open", "closed"), true);
    assert.equal(canMoveIncident("closed", "open"), true);
    assert.equal(canMoveIncident("open", "reported"), false);
  });

  it("needs an outcome to close and a reason to reopen", () => {
    assert.throws(
      () => checkIncidentMove("open", "closed"),
      (e: unknown) => e instanceof AppError && /outcome/.test(e.message),
    );
    assert.doesNotThrow(() => checkIncidentMove("open", "closed", { outcome: "No further action" }));
    assert.throws(() => checkIncidentMove("closed", "open"), /why the case is being reopened/);
    assert.throws(() => checkIncidentMove("open", "reported"), /cannot be moved/);
    assert.throws(() => checkIncidentMove("open", "open"), /already open/);
  });
});
