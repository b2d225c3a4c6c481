import type { Command } from "commander";
import { loadConfig } from "../../config";
import { openRuntime } from "../../runtime";
import type { Db } from "../../store/database";
import { INSTALLATION_CHAIN } from "../../app/audit/audit-log";
import { chainHead } from "../../app/audit/verifications";
import { listPracticeSlugs } from "../../app/practices/read-practice";
import {
  formatHead,
  listChains,
  parsePublishedHead,
  verifyChain,
  type ChainReport,
} from "../../app/audit/verify-audit";
import { CliError } from "../cli-error";

/** The chains to look at: one practice's (by short name), or every chain of the installation. */
async function chainsFor(db: Db, slug: string | undefined): Promise<{ chain: string; name: string }[]> {
  const practices = await listPracticeSlugs(db);
  const nameOf = (chain: string) =>
    chain === INSTALLATION_CHAIN
      ? INSTALLATION_CHAIN
      : (practices.find((p) => p.id === chain)?.slug ?? chain);
  if (slug) {
    const p = practices.find((x) => x.slug === slug);
    if (!p) throw new CliError(`there is no practice with the short name "${slug}".`, 2);
    return [{ chain: p.id, name: p.slug }];
  }
  return (await listChains(db)).map((chain) => ({ chain, name: nameOf(chain) }));
}

function printReport(name: string, r: ChainReport): void {
  if (r.ok) process.stdout.write(`${name}: intact, ${r.checked} entries checked.\n`);
  else {
    process.stdout.write(`${name}: the audit trail has been tampered with (${r.checked} entries checked):\n`);
    for (const p of r.problems) process.stdout.write(`  entry ${p.seq}: ${p.problem}\n`);
  }
}

export function registerAudit(program: Command): void {
  const audit = program.command("audit").description("the tamper-evident audit trail");
  audit
    .command("verify")
    .description("recompute the audit trail's hash chains; exits 1 if any entry was edited or deleted")
    .option("--practice <slug>", "verify one practice's chain only")
    .option(
      "--head <SEQ:HASH>",
      "a head printed earlier by `audit head` (or on an evidence pack) that must still be in the chain",
    )
    .option("--json", "print the report as JSON")
    .action(async (opts: { practice?: string; head?: string; json?: boolean }) => {
      if (opts.head && !parsePublishedHead(opts.head))
        throw new CliError("--head must be a head printed by `safepost audit head` (SEQ:HASH).", 2);
      if (opts.head && !opts.practice)
        throw new CliError(
          "--head needs --practice (or --practice installation): a head belongs to one chain.",
          2,
        );
      const rt = await openRuntime(loadConfig());
      let ok = false;
      try {
        const chains =
          opts.practice === INSTALLATION_CHAIN
            ? [{ chain: INSTALLATION_CHAIN, name: INSTALLATION_CHAIN }]
            : await chainsFor(rt.ctx.db, opts.practice);
        const reports: (ChainReport & { name: string })[] = [];
        for (const c of chains)
          reports.push({
            name: c.name,
            ...(await verifyChain(rt.ctx.db, c.chain, { publishedHead: opts.head })),
          });
        ok = reports.every((r) => r.ok);
        const checked = reports.reduce((n, r) => n + r.checked, 0);
        if (opts.json) process.stdout.write(JSON.stringify({ ok, checked, chains: reports }) + "\n");
        else {
          for (const r of reports) printReport(r.name, r);
          process.stdout.write(
            ok
              ? `The audit trail is intact: ${checked} entries checked.\n`
              : `The audit trail has been tampered with (${checked} entries checked).\n`,
          );
        }
      } finally {
        await rt.close();
      }
      // Set after closing: PGlite's runtime resets process.exitCode when it shuts down.
      process.exitCode = ok ? 0 : 1;
    });

  audit
    .command("head")
    .description(
      "print each chain's latest entry (SEQ:HASH): keep it outside the database to detect deleted entries later",
    )
    .option("--practice <slug>", "one practice's chain only (or `installation`)")
    .option("--json", "print as JSON")
    .action(async (opts: { practice?: string; json?: boolean }) => {
      const rt = await openRuntime(loadConfig());
      try {
        const chains =
          opts.practice === INSTALLATION_CHAIN
            ? [{ chain: INSTALLATION_CHAIN, name: INSTALLATION_CHAIN }]
            : await chainsFor(rt.ctx.db, opts.practice);
        const heads = [];
        for (const c of chains) {
          const h = await chainHead(rt.ctx.db, c.chain);
          heads.push({ name: c.name, head: h ? formatHead(h) : null, at: h?.at.toISOString() ?? null });
        }
        if (opts.json) process.stdout.write(JSON.stringify(heads) + "\n");
        else
          for (const h of heads)
            process.stdout.write(h.head ? `${h.name} ${h.head} (${h.at})\n` : `${h.name}: no entries yet\n`);
      } finally {
        await rt.close();
      }
    });
}
