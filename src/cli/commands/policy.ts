import type { Command } from "commander";
import { writeFile } from "node:fs/promises";
import { z } from "zod";
import { evidenceRecord, listVersions, publishedPolicy } from "../../app/policy";
import { evidencePdf, policyPdf } from "../../exports/policy-pdf";
import { policyDocx } from "../../exports/policy-docx";
import { longDate } from "../../exports/format";
import { CliError } from "../cli-error";
import { parseOptions, practiceOption, withPractice } from "../practice-command";

const showOptions = z.object({ practice: practiceOption, json: z.boolean().default(false) });
const exportOptions = z.object({
  practice: practiceOption,
  format: z.enum(["pdf", "docx", "evidence"]),
  out: z.string().min(1),
  versionId: z.string().optional(),
});

/** `safepost policy show|versions|export`: the practice's policy from the command line. */
export function registerPolicy(program: Command): void {
  const policy = program
    .command("policy")
    .description("the practice's social media policy: read it, list versions, export it");

  policy
    .command("show")
    .description("print the published policy as it reads today (ended hot topics left out)")
    .requiredOption("--practice <slug>", "the practice's short name, e.g. riverside")
    .option("--patient", "only the patient-facing clauses, as on the public page")
    .option("--json", "print JSON")
    .action(async (raw: { practice: string; patient?: boolean; json?: boolean }) => {
      const o = parseOptions(showOptions, { practice: raw.practice, json: !!raw.json });
      await withPractice(o.practice, async (ctx, practice) => {
        const p = await publishedPolicy(ctx, practice, { patientFacingOnly: !!raw.patient });
        if (!p) throw new CliError(`${practice.name} has not published a policy yet.`, 1);
        if (o.json) {
          process.stdout.write(
            JSON.stringify(
              {
                practice: practice.name,
                version: p.version,
                publishedAt: p.publishedAt,
                reviewDue: p.reviewDue,
                sections: p.sections,
              },
              null,
              2,
            ) + "\n",
          );
          return;
        }
        const out: string[] = [
          `${practice.name}: social media policy`,
          `Version ${p.version}, published ${longDate(p.publishedAt)}${p.reviewDue ? `; review by ${longDate(p.reviewDue)}` : ""}`,
          "",
        ];
        for (const s of p.sections) {
          out.push(`${s.number}. ${s.title.toUpperCase()}`, "");
          for (const c of s.clauses) {
            out.push(`${c.number} ${c.title}`);
            for (const b of c.blocks)
              out.push(...(b.kind === "paragraph" ? [b.text] : b.items.map((i) => `  - ${i}`)));
            out.push("");
          }
        }
        process.stdout.write(out.join("\n"));
      });
    });

  policy
    .command("versions")
    .description("list every version with its status and change note")
    .requiredOption("--practice <slug>", "the practice's short name")
    .action(async (raw: { practice: string }) => {
      const slug = parseOptions(practiceOption, raw.practice);
      await withPractice(slug, async (ctx, practice) => {
        for (const v of await listVersions(ctx.db, practice.id))
          process.stdout.write(
            `${v.version.padEnd(6)} ${v.status.padEnd(13)} ${v.publishedAt ? longDate(v.publishedAt) : "-"}  ${v.changelog}\n`,
          );
      });
    });

  policy
    .command("export")
    .description("write the published policy (or the evidence pack) to a file")
    .requiredOption("--practice <slug>", "the practice's short name")
    .requiredOption(
      "--format <format>",
      "pdf, docx or evidence (the evidence PDF with consultation and acknowledgements)",
    )
    .requiredOption("--out <file>", "where to write it")
    .option("--version-id <id>", "a published version's id (default: the current one)")
    .addHelpText(
      "after",
      "\nExample:\n  safepost policy export --practice riverside --format docx --out riverside-policy.docx",
    )
    .action(async (raw: unknown) => {
      const o = parseOptions(exportOptions, raw);
      await withPractice(o.practice, async (ctx, practice) => {
        let buf: Buffer;
        if (o.format === "evidence")
          buf = await evidencePdf(await evidenceRecord(ctx, practice.id, o.versionId));
        else {
          const p = await publishedPolicy(ctx, practice, o.versionId ? { versionId: o.versionId } : {});
          if (!p) throw new CliError(`${practice.name} has not published a policy yet.`, 1);
          buf = o.format === "pdf" ? await policyPdf(p) : await policyDocx(p);
        }
        await writeFile(o.out, buf);
        process.stdout.write(`safepost: wrote ${o.out} (${buf.length} bytes).\n`);
      });
    });
}
