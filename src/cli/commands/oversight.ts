import type { Command } from "commander";
import { z } from "zod";
import { readOversightForOperator, type Oversight } from "../../app/oversight";
import { formatUkDate } from "../../core/dates";
import { INCIDENT_TYPE_LABELS } from "../../core/incidents/types";
import { monthLabel } from "../../core/oversight/checker-counts";
import { parseOptions, practiceOption, withPractice } from "../practice-command";

const options = z.object({ practice: practiceOption, json: z.boolean().default(false) });

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A breach's clock in words. */
function clock(b: NonNullable<Oversight["incidents"]["cases"][number]["breach"]>): string {
  if (b.decided) return "decision recorded";
  return b.hoursLeft <= 0 ? `overdue by ${Math.max(1, -b.hoursLeft)} h` : `${b.hoursLeft} h left`;
}

/** The dashboard as text: one block per part, counts and dates only. */
export function oversightText(o: Oversight): string {
  const out = [`${o.practice.name}: oversight`, ""];
  const i = o.incidents;
  out.push(`Incidents: ${i.open} open, ${i.reported} reported and not yet picked up`);
  for (const c of i.cases)
    out.push(
      `  case ${c.number} ${c.status.padEnd(8)} ${INCIDENT_TYPE_LABELS[c.type]}${c.breach ? ` (breach clock: ${clock(c.breach)})` : ""}`,
    );
  const p = o.posts;
  out.push(
    "",
    `Posts: ${p.awaitingApproval} awaiting approval, ${p.changesRequested} sent back for changes, ${p.needAttention} needing attention`,
  );
  const n = o.inbox;
  out.push(
    `Inbox: ${n.new} new, ${n.inProgress} being dealt with, ${n.awaitingApproval} with a reply for approval (${n.urgent} urgent); ` +
      `${plural(n.complaintsToAcknowledge, "complaint")} to acknowledge (${n.acknowledgementsOverdue} overdue); ${plural(n.repliesAwaitingApproval, "reply", "replies")} awaiting approval`,
  );
  const a = o.acknowledgements;
  out.push(
    a
      ? `Acknowledgements: ${a.acknowledged} of ${a.total} (${a.percent}%) have acknowledged version ${a.version}; ${a.outstanding} outstanding`
      : "Acknowledgements: no policy is published yet",
  );
  const m = o.myAccounts;
  out.push(
    m.shared
      ? `My accounts: ${m.completed} of ${m.shared} members who share it (${m.percent}%) have completed the check; ${m.members} active members`
      : `My accounts: none of the ${m.members} active members shares whether they completed the check`,
  );
  out.push(
    o.policy
      ? `Policy ${o.policy.version}: ${o.policy.reviewDue ? `review due ${formatUkDate(o.policy.reviewDue)}` : "no review date"}${o.policy.state === "overdue" ? " (overdue)" : o.policy.state === "due-soon" ? " (due soon)" : ""}`
      : "Policy: none published yet",
  );
  out.push("", `Channels' security reviews:${o.channels.length ? "" : " no accounts connected"}`);
  for (const c of o.channels)
    out.push(
      `  ${c.name}: ${c.lastReviewedOn ? `last reviewed ${formatUkDate(c.lastReviewedOn)}` : "never reviewed"}${c.overdue ? " (review due now)" : `, next by ${formatUkDate(c.reviewDue)}`}`,
    );
  const k = o.checkerCounts;
  out.push("");
  if (!k.on) out.push("Checker counts: off (an admin turns them on on the Oversight page)");
  else {
    out.push(`Checker counts by month (${k.months.map(monthLabel).join(", ")}):`);
    out.push(`  checks run: ${k.runs.join(", ")}`);
    for (const r of k.rules) out.push(`  ${r.label}: ${r.counts.join(", ")}`);
  }
  return out.join("\n") + "\n";
}

/**
 * `safepost oversight`: the admin's dashboard from the server's command line, for the person who runs the
 * installation (they hold the database, so every case counts). Counts, dates and case numbers; never text.
 */
export function registerOversight(program: Command): void {
  program
    .command("oversight")
    .description(
      "the practice's oversight: open cases and breach clocks, approvals, inbox, acknowledgements, reviews, checker counts",
    )
    .requiredOption("--practice <slug>", "the practice's short name, e.g. riverside")
    .option("--json", "print JSON")
    .action(async (raw: { practice: string; json?: boolean }) => {
      const o = parseOptions(options, { ...raw, json: !!raw.json });
      await withPractice(o.practice, async (ctx, practice) => {
        const view = await readOversightForOperator(ctx, practice.id);
        process.stdout.write(o.json ? JSON.stringify(view, null, 2) + "\n" : oversightText(view));
      });
    });
}
