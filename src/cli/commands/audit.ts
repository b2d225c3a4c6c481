import type { Command } from "commander";
import { loadConfig } from "../../config";
import { openRuntime } from "../../runtime";
import { verifyAuditChain } from "../../app/audit/verify-audit";

export function registerAudit(program: Command): void {
  const audit = program.command("audit").description("the tamper-evident audit trail");
  audit
    .command("verify")
    .description("recompute the audit trail's hash chain; exits 1 if any entry was edited or deleted")
    .option("--json", "print the report as JSON")
    .action(async (opts: { json?: boolean }) => {
      const rt = await openRuntime(loadConfig());
      let ok = false;
      try {
        const report = await verifyAuditChain(rt.ctx.db);
        if (opts.json) process.stdout.write(JSON.stringify(report) + "\n");
        else if (report.ok)
          process.stdout.write(`The audit trail is intact: ${report.checked} entries checked.\n`);
        else {
          process.stdout.write(
            `The audit trail has been tampered with (${report.checked} entries checked):\n`,
          );
          for (const p of report.problems) process.stdout.write(`  entry ${p.seq}: ${p.problem}\n`);
        }
        ok = report.ok;
      } finally {
        await rt.close();
      }
      // Set after closing: PGlite's runtime resets process.exitCode when it shuts down.
      process.exitCode = ok ? 0 : 1;
    });
}
