import type { Command } from "commander";
import { z } from "zod";
import { ROLES } from "../../core/roles";
import { AppError } from "../../core/errors";
import { loadConfig } from "../../config";
import { openRuntime } from "../../runtime";
import { provisionMember } from "../../app/users/provision-member";
import { CliError } from "../cli-error";
import { setPasswordAsOperator } from "../../app/auth/operator-password";

const options = z.object({
  email: z.string().min(1),
  name: z.string().min(1),
  practice: z.string().min(1),
  practiceName: z.string().optional(),
  roles: z.string().default("admin,staff"),
  password: z.string().optional(),
});

export function registerUser(program: Command): void {
  const user = program.command("user").description("manage people without the web app (headless setup)");
  user
    .command("create")
    .description("create a person and give them roles in a practice (the practice is created if new)")
    .requiredOption("--email <email>", "their email address (they sign in with it)")
    .requiredOption("--name <name>", "their full name")
    .requiredOption("--practice <slug>", "the practice's short name, e.g. riverside")
    .option("--practice-name <name>", "the practice's full name, when creating it")
    .option("--roles <roles>", `comma-separated: ${ROLES.join(", ")}`, "admin,staff")
    .option("--password <password>", "their password (else read from SAFEPOST_PASSWORD)")
    .addHelpText(
      "after",
      "\nExample:\n  safepost user create --email jo@oak.nhs.uk --name 'Jo Bloggs' --practice oak --practice-name 'Oak Surgery' --roles admin,staff",
    )
    .action(async (raw: unknown) => {
      const o = options.parse(raw);
      const password = o.password ?? process.env.SAFEPOST_PASSWORD;
      if (!password)
        throw new CliError(
          "give a password with --password or the SAFEPOST_PASSWORD environment variable.",
          2,
        );
      const rt = await openRuntime(loadConfig());
      try {
        const made = await provisionMember(rt.ctx, {
          email: o.email,
          name: o.name,
          password,
          practiceSlug: o.practice,
          practiceName: o.practiceName,
          roles: o.roles
            .split(",")
            .map((r) => r.trim())
            .filter(Boolean),
        });
        process.stdout.write(
          `Created ${made.email} in ${made.practice.name}${made.practice.created ? " (a new practice)" : ""} with roles ${o.roles}.\n`,
        );
      } catch (err) {
        if (err instanceof AppError) throw new CliError(err.message, err.code === "invalid-input" ? 2 : 1);
        throw err;
      } finally {
        await rt.close();
      }
    });
  user
    .command("reset-password")
    .description("set a new password for someone locked out (e.g. the admin of an install without mail)")
    .requiredOption("--email <email>", "the email address they sign in with")
    .option("--password <password>", "the new password (else SAFEPOST_PASSWORD, else a strong one is made)")
    .addHelpText("after", "\nExample:\n  safepost user reset-password --email jo@oak.nhs.uk")
    .action(async (raw: unknown) => {
      const o = z.object({ email: z.string().min(1), password: z.string().optional() }).parse(raw);
      const rt = await openRuntime(loadConfig());
      try {
        const done = await setPasswordAsOperator(
          rt.ctx,
          o.email,
          o.password || process.env.SAFEPOST_PASSWORD || undefined,
        );
        process.stdout.write(
          `Set a new password for ${done.email}; their sessions and reset links have ended.\n`,
        );
        if (done.generated)
          process.stdout.write(
            `  password: ${done.password}\n  (give it to them in person; they can change it later)\n`,
          );
        if (done.disabled)
          process.stdout.write(
            "  Note: this account is deactivated in every practice, so it cannot sign in until an admin reactivates it.\n",
          );
      } catch (err) {
        if (err instanceof AppError) throw new CliError(err.message, 1);
        throw err;
      } finally {
        await rt.close();
      }
    });
}
