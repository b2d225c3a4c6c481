import type { Command } from "commander";
import { z } from "zod";
import { listIncidentsForOperator, type IncidentSummary } from "../../app/incidents";
import { INCIDENT_STATUSES, INCIDENT_TYPE_LABELS } from "../../core/incidents/types";
import { parseOptions, practiceOption, withPractice } from "../practice-command";

const listOptions = z.object({
  practice: practiceOption,
  status: z
    .enum(INCIDENT_STATUSES, { message: `a status is one of ${INCIDENT_STATUSES.join(", ")}` })
    .optional(),
  json: z.boolean().default(false),
});

/** A breach's clock in words: hours left, overdue, or decided. */
function clock(b: NonNullable<IncidentSummary["breach"]>): string {
  if (b.decided) return "breach decided";
  if (b.hoursLeft < 0 || new Date(b.deadline).getTime() <= Date.now())
    return `breach clock overdue by ${Math.max(1, -b.hoursLeft)} h`;
  return `breach clock ${b.hoursLeft} h left`;
}

/** One line per case: number, status, type and, for a breach, its clock. No case text beyond its title. */
function describe(i: IncidentSummary): string {
  const facts = [`case ${i.number}`.padEnd(8), i.status.padEnd(8), INCIDENT_TYPE_LABELS[i.type]];
  if (i.breach) facts.push(`(${clock(i.breach)})`);
  return `${facts.join(" ")}\n  ${i.title}${i.owner ? `; owner ${i.owner.name}` : ""}`;
}

/**
 * `safepost incidents list`: the practice's incident register from the server's command line, for the person
 * who runs the installation (they hold the database, so no practice role applies). The list shows each case's
 * type, status and title and, for a breach, the hours left on its 72-hour clock; never what was reported.
 */
export function registerIncidents(program: Command): void {
  const incidents = program
    .command("incidents")
    .description("the practice's incident register: concerns, cases and breach clocks");

  incidents
    .command("list")
    .description("print the practice's cases, newest first, with type, status and each breach's hours left")
    .requiredOption("--practice <slug>", "the practice's short name, e.g. riverside")
    .option("--status <status>", `only cases with this status (${INCIDENT_STATUSES.join(", ")})`)
    .option("--json", "print JSON")
    .action(async (raw: { practice: string; status?: string; json?: boolean }) => {
      const o = parseOptions(listOptions, { ...raw, json: !!raw.json });
      await withPractice(o.practice, async (ctx, practice) => {
        const list = (await listIncidentsForOperator(ctx, practice.id)).filter(
          (i) => !o.status || i.status === o.status,
        );
        if (o.json) {
          process.stdout.write(JSON.stringify({ practice: practice.name, incidents: list }, null, 2) + "\n");
          return;
        }
        if (list.length === 0) {
          process.stdout.write(
            `${practice.name} has no incidents${o.status ? ` with the status "${o.status}"` : ""}.\n`,
          );
          return;
        }
        const out = [`${practice.name}: ${list.length} case${list.length === 1 ? "" : "s"}`, ""];
        for (const i of list) out.push(describe(i), "");
        process.stdout.write(out.join("\n"));
      });
    });
}
