import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { CLI } from "../../../test/support/node-args";

const CHECK = [...CLI, "check"];

function runBatch(input: string): Promise<{ out: string; err: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CHECK, "--jsonl"], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    child.on("close", (code) => resolve({ out, err, code }));
    child.stdin.end(input);
  });
}

describe("safepost check --jsonl", () => {
  it("answers one JSON line per request, with the same ids, and nothing else on stdout", async () => {
    const reqs = [
      { id: "a", text: "Check 401 023 2137 please" },
      { id: 7, text: "What time do you open on Saturday?", context: "comment" },
      { id: "c", text: "Off to the beach for the day!", author: { onSickLeave: true } },
    ];
    const { out, code } = await runBatch(reqs.map((r) => JSON.stringify(r)).join("\n") + "\n");
    assert.equal(code, 0);
    const lines = out
      .trim()
      .split("\n")
      .map(
        (l) =>
          JSON.parse(l) as {
            id: unknown;
            verdict: string;
            findings: { rule: string }[];
            triage?: { category: string };
          },
      );
    assert.deepEqual(
      lines.map((l) => l.id),
      ["a", 7, "c"],
    );
    assert.equal(lines[0]!.verdict, "do-not-post");
    assert.equal(lines[1]!.triage?.category, "general-enquiry");
    assert.ok(lines[2]!.findings.some((f) => f.rule === "sick-leave-conflict"));
  });

  it("answers a bad line with an error for that line and carries on", async () => {
    const { out, code } = await runBatch(
      '{"id":"x","text":"hello"}\nnot json\n{"id":"y","text":42}\n{"id":"z","text":"fine"}\n',
    );
    assert.equal(code, 0);
    const lines = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: unknown; error?: string; verdict?: string });
    assert.equal(lines.length, 4);
    assert.equal(lines[0]!.verdict, "ok");
    assert.ok(lines[1]!.error);
    assert.equal(lines[2]!.id, "y");
    assert.ok(lines[2]!.error);
    assert.equal(lines[3]!.verdict, "ok");
  });

  it("prints a readable report with the flagged words marked when not on a terminal", () => {
    const r = spawnSync(process.execPath, [...CHECK, "--context", "comment", "You are an idiot"], {
      encoding: "utf8",
    });
    assert.match(r.stdout, /Do not post|Review before posting/);
    assert.match(r.stdout, /\[\[idiot\]\]/);
    assert.match(r.stdout, /Triage: abuse/);
    assert.ok(!r.stdout.includes("\u001b["), "no colour codes when not on a terminal");
  });

  it("prints JSON with --json and refuses an unknown context", () => {
    const ok = spawnSync(process.execPath, [...CHECK, "--json", "Lovely walk"], { encoding: "utf8" });
    assert.equal((JSON.parse(ok.stdout) as { verdict: string }).verdict, "ok");
    const bad = spawnSync(process.execPath, [...CHECK, "--context", "tweet", "hi"], { encoding: "utf8" });
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /--context must be/);
  });
  it("refuses a text over the checker's limit with a plain sentence and exit code 2, in batch too", async () => {
    const long = spawnSync(process.execPath, [...CHECK], { input: "a ".repeat(50_001), encoding: "utf8" });
    assert.equal(long.status, 2);
    assert.match(
      long.stderr,
      /too long to check: it has 100,002 characters and the checker reads up to 100,000/,
    );
    assert.equal(long.stdout, "");
    const { out, code } = await runBatch(
      JSON.stringify({ id: "big", text: "a".repeat(100_001) }) +
        "\n" +
        JSON.stringify({ id: "ok", text: "hi" }) +
        "\n",
    );
    assert.equal(code, 0);
    const [big, ok] = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: string; error?: string });
    assert.match(big!.error ?? "", /checker reads up to 100,000/);
    assert.equal(ok!.error, undefined);
  });
});
