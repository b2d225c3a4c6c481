import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { DOC, withCurrentTable } from "../../scripts/permissions-doc";
import { RULES } from "../../src/core/permissions";
import { ROLES } from "../../src/core/roles";

describe("docs/permissions.md", () => {
  const doc = readFileSync(DOC, "utf8");

  it("holds exactly the role × action table the permission module gives (run npm run docs:permissions)", () => {
    assert.equal(doc, withCurrentTable(doc));
  });

  it("names every action of every resource and every role", () => {
    for (const [type, actions] of Object.entries(RULES))
      for (const action of Object.keys(actions))
        assert.ok(doc.includes(`| \`${action}\`:`), `${type} ${action}`);
    for (const role of ROLES) assert.ok(doc.includes(` ${role} |`), role);
  });
});
