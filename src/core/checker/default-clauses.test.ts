import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_CLAUSES } from "./default-clauses";
import { RULE_IDS } from "./types";
import { numberedClauses } from "../policy/numbering";
import { policyTemplate } from "../policy/template";
import { check } from "./index";

describe("the clauses the checker cites by default", () => {
  it("every rule cites a clause that exists in the policy template, with its title", () => {
    const clauses = new Map(numberedClauses(policyTemplate()).map((n) => [n.number, n.clause.title]));
    for (const rule of RULE_IDS) {
      const ref = DEFAULT_CLAUSES[rule];
      assert.ok(ref.number, `${rule} has a clause`);
      assert.equal(clauses.get(ref.number), ref.title, `${rule} cites ${ref.number}`);
    }
  });

  it("a practice's own clause map overrides the default", () => {
    const text = "Had to chase the records for NHS no. 485 777 1004 all morning";
    const own = check(
      { text },
      { clauses: { "patient-identifier": { number: "9.9", title: "Our own clause" } } },
    );
    const f = own.findings.find((x) => x.rule === "patient-identifier");
    assert.equal(f?.clause, "9.9");
    const dflt = check({ text }).findings.find((x) => x.rule === "patient-identifier");
    assert.equal(dflt?.clause, DEFAULT_CLAUSES["patient-identifier"].number);
  });
});
