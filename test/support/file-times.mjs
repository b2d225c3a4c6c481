// Opt-in timing of each test file's process (SAFEPOST_TEST_TIMES=<folder>, see docs/testing.md): wall time from
// the process's start, its own CPU time and its finished children's (the CLI processes and browsers it ran, from
// /proc on Linux), written at exit, so where a run's time goes can be measured rather than guessed.
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const folder = process.env.SAFEPOST_TEST_TIMES;
const file = process.argv.find((arg) => /\.test\.tsx?$/.test(arg));
if (folder && file) {
  process.on("exit", () => {
    const cpu = process.cpuUsage();
    let childCpuMs = null;
    try {
      // Fields 16 and 17 of /proc/self/stat: the CPU time of children waited for, in clock ticks (100 a second).
      const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
      childCpuMs = (Number(fields[13]) + Number(fields[14])) * 10;
    } catch {
      // not Linux: the children's time is left out
    }
    mkdirSync(folder, { recursive: true });
    appendFileSync(
      join(folder, "times.jsonl"),
      JSON.stringify({
        file: relative(process.cwd(), file),
        wallMs: Math.round(performance.now()),
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        childCpuMs,
        maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      }) + "\n",
    );
  });
}
