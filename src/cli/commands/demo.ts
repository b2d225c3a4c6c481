import type { Command } from "commander";
import { loadConfig } from "../../config";
import { openRuntime } from "../../runtime";
import { DEMO_USERS, demoPassword } from "../../app/demo/ensure-demo";
import { CliError } from "../cli-error";

export function registerDemo(program: Command): void {
  const demo = program.command("demo").description("the demo practice (Riverside Surgery)");
  demo
    .command("show-password")
    .description("print the demo practice's password again, while the demo practice exists")
    .action(async () => {
      const rt = await openRuntime(loadConfig());
      try {
        const found = await demoPassword(rt.ctx);
        if (found === "no-demo")
          throw new CliError("there is no demo practice here (it was never created, or it was removed).", 1);
        if (found === "not-recorded")
          throw new CliError(
            `this demo practice was made by an older safepost, which did not keep its password. Set a new one with: safepost user reset-password --email ${DEMO_USERS[0]!.email}`,
            1,
          );
        process.stdout.write(`Demo practice "Riverside Surgery": sign in as any of\n`);
        for (const u of DEMO_USERS) process.stdout.write(`  ${u.email.padEnd(30)} ${u.roles.join(", ")}\n`);
        process.stdout.write(`  password: ${found.password}\n`);
      } finally {
        await rt.close();
      }
    });
}
