import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) && !/\.test\.tsx?$/.test(n) ? [p] : [];
  });
}

describe("the shape of the house", () => {
  it("src/core imports nothing from the outer layers, Node or frameworks, and reads no environment", () => {
    const outer =
      /from\s+["'](?:node:|fs|path|os|crypto|child_process|fastify|kysely|pg|react|nodemailer|@electric-sql|[./]+(?:\.\.\/)*(?:server|store|cli|web|app|mail|jobs|channels)\/)/;
    const offenders: string[] = [];
    for (const f of files("src/core")) {
      const text = readFileSync(f, "utf8");
      if (outer.test(text) || /\bprocess\.env\b/.test(text)) offenders.push(f);
    }
    assert.deepEqual(offenders, []);
  });

  it("the server, the command line and the web app run no query of their own: the use cases in src/app do", () => {
    // A query written in a route or a command could forget the practice it is scoped to; a use case takes the
    // practice id as an argument and is tested with another practice's ids.
    const query = /\.(?:selectFrom|insertInto|updateTable|deleteFrom|executeQuery)\(|\bsql`/;
    const offenders = ["src/server", "src/cli", "src/web"]
      .flatMap(files)
      .filter((f) => query.test(readFileSync(f, "utf8")));
    assert.deepEqual(offenders, []);
  });
});
