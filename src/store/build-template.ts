// Run by the build (scripts/build.mjs): writes the first-start template (see first-start.ts).
import { writeFileSync, renameSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { openDatabase } from "./database";

const out = process.argv[2];
if (!out) throw new Error("usage: node dist/build-template.js OUT.tar.gz");
const database = await openDatabase({});
try {
  const blob = await database.dump!();
  const partial = `${out}.partial`;
  writeFileSync(partial, gzipSync(Buffer.from(await blob.arrayBuffer())));
  renameSync(partial, out);
} finally {
  await database.close();
}
