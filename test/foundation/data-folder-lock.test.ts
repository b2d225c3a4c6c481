import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config";
import { DataFolderInUse, openRuntime } from "../../src/runtime";

describe("the embedded database's data folder", () => {
  it("is used by one safepost process at a time; a second is refused in plain words and may open it afterwards", async () => {
    const dir = mkdtempSync(join(tmpdir(), "safepost-lock-"));
    const config = loadConfig({ SAFEPOST_DATA_DIR: join(dir, "db") });
    try {
      const first = await openRuntime(config);
      await assert.rejects(openRuntime(config), DataFolderInUse);
      const cli = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "audit", "verify"], {
        env: { ...process.env, SAFEPOST_DATA_DIR: join(dir, "db"), DATABASE_URL: "" },
        encoding: "utf8",
      });
      assert.equal(cli.status, 1);
      assert.match(cli.stderr, /another safepost process is using the data folder/);
      assert.doesNotMatch(cli.stderr, /\n\s+at /, "no stack trace");
      await first.close();
      const again = await openRuntime(config);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
