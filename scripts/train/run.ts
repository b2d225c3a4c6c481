// `npm run train`: rebuilds every learned model of the checker from committed data, deterministically.
// Each trainer is one line here; pass a name to run only that one (`npm run train -- names`).
import { trainNames } from "./names";
import { trainClassifiers } from "./classifiers";

const trainers: [string, () => void | Promise<void>][] = [
  ["names", trainNames],
  [
    "classifiers",
    () => {
      trainClassifiers();
    },
  ],
];

const only = process.argv.slice(2).filter((a) => !a.startsWith("-"));
for (const [name, run] of trainers) if (!only.length || only.includes(name)) await run();
