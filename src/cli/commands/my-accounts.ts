import type { Command } from "commander";
import { z } from "zod";
import { myAccountsSummary, type MyAccountsSummary } from "../../app/my-accounts";
import { formatUkDate } from "../../core/dates";
import { parseOptions, practiceOption, withPractice } from "../practice-command";

const statusOptions = z.object({ practice: practiceOption, json: z.boolean().default(false) });

const STATUS_WORDS: Record<MyAccountsSummary["members"][number]["status"], string> = {
  completed: "completed",
  "not-completed": "not completed",
  "not-shared": "not shared",
};

/** One line per member: their name and only whether and when they completed the check, if they share it. */
function describe(m: MyAccountsSummary["members"][number]): string {
  const status =
    m.status === "completed" && m.completedAt
      ? `completed on ${formatUkDate(new Date(m.completedAt))}`
      : STATUS_WORDS[m.status];
  return `  ${m.name.padEnd(28)} ${status}`;
}

/**
 * `safepost my-accounts status`: the practice manager's summary of the personal-account check, from the server's
 * command line. The same privacy as in the app: a member who has not agreed to share shows "not shared", and no
 * answer is ever printed.
 */
export function registerMyAccounts(program: Command): void {
  const myAccounts = program
    .command("my-accounts")
    .description(
      "the staff's personal-account check (My accounts): who completed it, for those who share it",
    );

  myAccounts
    .command("status")
    .description("print each member's status: completed (and when), not completed, or not shared")
    .requiredOption("--practice <slug>", "the practice's short name, e.g. riverside")
    .option("--json", "print JSON")
    .action(async (raw: { practice: string; json?: boolean }) => {
      const o = parseOptions(statusOptions, { ...raw, json: !!raw.json });
      await withPractice(o.practice, async (ctx, practice) => {
        const summary = await myAccountsSummary(ctx, practice.id, null);
        if (o.json) {
          process.stdout.write(JSON.stringify({ practice: practice.name, ...summary }, null, 2) + "\n");
          return;
        }
        const c = summary.counts;
        const out = [
          `${practice.name}: ${c.completed} of ${c.members} member${c.members === 1 ? "" : "s"} completed the personal-account check (${c.shared} share${c.shared === 1 ? "s" : ""} their status)`,
          "",
          ...summary.members.map(describe),
          "",
        ];
        process.stdout.write(out.join("\n"));
      });
    });
}
