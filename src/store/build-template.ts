// Run by the build (scripts/build.mjs): writes the first-start template (see first-start.ts).
import { writeEmptyDatabase } from "./first-start";

const out = process.argv[2];
if (!out) throw new Error("usage: node dist/build-template.js OUT.tar.gz");
await writeEmptyDatabase(out, { gzip: true });
