import { ROLES } from "../roles";
import { RESOURCE_LABELS, RULES, type Rule } from "./rules";
import type { ResourceType } from "./types";

/**
 * The role × action table for docs/permissions.md, generated from RULES: ✓ where the role may take the action
 * (subject to the conditions), and the conditions in words.
 */
export function permissionTable(): string {
  const lines: string[] = [];
  for (const type of Object.keys(RULES) as ResourceType[]) {
    lines.push(`### ${RESOURCE_LABELS[type]} (\`${type}\`)`, "");
    lines.push(`| Action | ${ROLES.join(" | ")} | Only when |`);
    lines.push(`|---|${ROLES.map(() => ":-:").join("|")}|---|`);
    const rules = RULES[type] as unknown as Record<string, Rule<ResourceType>>;
    for (const [action, rule] of Object.entries(rules)) {
      const marks = ROLES.map((r) => (rule.roles === "any" || rule.roles.includes(r) ? "✓" : ""));
      lines.push(`| \`${action}\`: ${rule.label} | ${marks.join(" | ")} | ${rule.when ?? ""} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
