// Sentences with person names, generated for training the name tagger: the Broad Twitter Corpus is
// tweets, and the checker also reads practice posts, patients' comments, forms and letters. Templates
// written for safepost (not taken from any evaluation set) are filled with names drawn from the
// project's lists (data/names) by a seeded generator, and some are set in lower case or capitals as
// people type them. Clean look-alikes (capitalised words, places, organisations, words that are also
// names) are generated beside them so that a capital or a listed name is evidence, not the decision.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Example } from "./names";
import { rng } from "./names";

const ROOT = join(import.meta.dirname, "..", "..");
const list = (p: string): string[] => JSON.parse(readFileSync(join(ROOT, p), "utf8")) as string[];

const COMMON_FIRST =
  "Amy Ben Chloe Dan Ella Fiona Gary Holly Ian Jade Karen Liam Megan Nathan Olivia Paul Rachel Sam Tom Vicky Wendy Zoe Aisha Bilal Chen Dev Erin Femi Grace Harry Imran Jas Kofi Leah Mo Niamh Oscar Priya Ravi Sian Tariq Usha Yusuf Alfie Beth Callum Dylan Emma Freya George Hannah Isla Jack Katie Lewis Molly Noah Poppy Ruby Stacey Theo Abi Craig Dawn Gemma Jen Kev Lee Mandy Nick Pete Sue Trev Val".split(
    " ",
  );
const TITLES_LAY = ["Mr", "Mrs", "Ms", "Miss"];
const TITLES_CLIN = ["Dr", "Nurse", "Sister", "Dr.", "Prof"];
const TITLES_PUBLIC = ["President", "Minister", "Councillor", "Sir", "Prince", "Coach", "Captain"];

// Slots: {F} first name, {S} surname, {N} full name, {I} an initial, {T} lay title, {C} clinical title,
// {P} public title. Every slot but {I} is a person; {T}/{C}/{P} join the name after them.
const WITH_NAMES = [
  "My name is {F} {S} and I am registered at the surgery",
  "my name is {F}, please can someone call me back",
  "Hi, I'm {F}. I have a question about my repeat prescription",
  "Huge thank you to {F} on reception who sorted everything",
  "Please pass on my thanks to {C} {S}, she was brilliant",
  "{C} {S} was so patient with my mum today",
  "Saw {C} {S} this morning and felt listened to for once",
  "Can {F} from the dispensary ring me back please",
  "{F} {S} has been a patient here for years and deserves better",
  "Welcome to the team, {F}! Our new practice nurse starts on Monday",
  "Congratulations to {F} {S} on passing her exams",
  "{T} {S} rang to say she cannot make her appointment",
  "{T} {F} {S} asked about the flu clinic",
  "Out with {F} and {F} tonight, finally",
  "{F}, {F} and {F} are running the 10k for the practice charity",
  "happy birthday {f}!! have the best day",
  "lol {f} you are a legend",
  "me and {f} {s} went to the match",
  "omg {f} just told me the news",
  "{F}: see you at eight",
  "Thanks {F}, that is really helpful",
  "Is {F} working today? I need to speak to her",
  "Name: {F} {S}",
  "Patient: {F} {S}\nReason: review",
  "From: {F} {S}\nSubject: my appointment",
  "Dear {C} {S},\nThank you for seeing my son last week.",
  "Kind regards,\n{F} {S}",
  "{F} {I}. {S} will chair the meeting",
  "{F} {S} says the new building opens in spring",
  "{S} said the plans would be published next week",
  "{P} {F} {S} visited the hospital on Friday",
  "{P} {S} defended the decision",
  "The book was written by {F} {S} in 1998",
  "Listening to {F} {S} on the radio this morning",
  "I spoke to {F} who said it would be ready by Friday",
  "{F} {S}, 42, from the village, was one of the volunteers",
  "{F} and her husband {F} are moving away",
  "Well done {F} and the whole admin team",
  "Our practice manager {F} {S} will reply to you directly",
  "Ask for {F} when you arrive",
  "{F}'s mum works at the pharmacy",
  "Has anyone seen {F} {S}'s new book?",
  "Shout out to {F} for the cakes",
  "Does {F} still do the baby clinic on Tuesdays?",
  "{T} {S} and {T} {S} have both retired this year",
  "According to {F} {S}, the results were clear",
  "Interview with {F} {S} about the new film",
  "Goodbye {F}, we will miss you",
  "Booked in with {F} for Thursday at 10",
  "{F} {S} just scored again!",
  "{F}: are you coming to the meeting?\n{F}: yes, running late\n{F}: ok see you there",
  "{F} shouted across the waiting room at {F}",
  "{F} told {F} the clinic had moved",
  "{F} is the best receptionist we have ever had",
  "{S} is not who I would trust with this",
  "What is your surname? {S}",
  "And your first name? {F}",
  "The team this year: {F}, {F}, {F} and {F}.",
  "Founded by {S}, {S} and {S} in a garage",
  "Directed by: {F} {I}. {S}",
  "{F} {I}. {S}\nPractice Manager\nTel 01632 960000",
  "{T}. {S} will see you now",
  "{T}. {F} {S}\n12 High Street",
  "Sorry {F}, I missed your call",
  "{F}, could you please check my results?",
  "It was {F} {S} who found the mistake",
  "I think it's under {F} {S}",
  "{F} {S} van {S} joined the board",
  "Born in 1950, {F} {S} trained as a nurse",
  "{F} and {F} from the front desk",
  "Ask {F} or {F} on the phones",
  "Meeting with {F} {S} at 3pm about the rota",
  "Our founder {F} {S} opened the first shop in 1990",
];

const WITHOUT_NAMES = [
  "Flu clinic this Saturday at the Surgery, no appointment needed",
  "Our Reception Team will be closed for training on Wednesday afternoon",
  "Bank Holiday Opening Hours: we are closed on Monday",
  "Call 111 or use the NHS App when we are closed",
  "Great Service From Start To Finish",
  "The Health Centre on Market Street has a new car park",
  "Parking at the Hospital is a nightmare again",
  "Happy Monday everyone! Sun is out",
  "Will you be open on Christmas Eve?",
  "Rose bushes in the garden are finally blooming",
  "Hope you are all keeping well",
  "May is Mental Health Awareness Month",
  "Spring boosters are now open for over 75s",
  "We are moving to the new building in June",
  "Summer holidays in Cornwall were amazing",
  "The Pharmacy at Tesco is open until 10pm",
  "Watched the England game at the Red Lion",
  "Labour and the Conservatives both promised more GPs",
  "New Year, New Me",
  "Thank You So Much To Everyone Who Came",
  "The NHS Long Term Plan was published today",
  "Chemist Warehouse opens in Manchester next week",
  "BREAKING: Storm warning for the North West tonight",
  "Reading Festival tickets sold out in an hour",
  "the doctor was lovely and the nurse took my bloods",
  "Can I get a sick note for work?",
  "Apple and Google both updated their apps",
  "Christmas Jumper Day raised 300 pounds for charity",
  "Victoria Park is busy every Sunday",
  "Royal Mail lost my prescription again",
  "Does the Practice do travel vaccines?",
  "Diabetes Review Clinic every Tuesday morning",
  "Just got back from Lanzarote, sunburnt",
  "Grand National day at the pub",
  "Amazon delivered the wrong thing again",
  "Excuse me Sir, is this the queue for bloods?",
  "Thank you Doctor, that helped a lot",
  "The Morris Dancers are at the fete on Sunday",
  "Head Office: Unit 4, Riverside Business Park",
  "Directed By: the practice team",
  "Nurse Practitioner appointments are bookable online",
  "Ask the Pharmacist about Pharmacy First",
  "Hello, can anyone tell me the opening times?",
  "Mum and Dad say thanks to everyone",
  "Sorry, I missed your call earlier",
  "Producer and Director credits roll at the end",
];

interface Filled {
  text: string;
  spans: { start: number; end: number }[];
}

function fill(tpl: string, pick: (slot: string) => string): Filled {
  let text = "";
  const spans: { start: number; end: number }[] = [];
  let open: { start: number; end: number } | null = null;
  let k = 0;
  let last = "";
  while (k < tpl.length) {
    const m = /^\{([FSNITCPfs])\}/.exec(tpl.slice(k));
    if (!m) {
      const ch = tpl[k]!;
      // A name runs on over the spaces between its parts ("{T} {F} {S}") and ends at anything else.
      const initialStop = ch === "." && last === "I" && tpl.startsWith(" {", k + 1);
      if (open && !(ch === " " && tpl[k + 1] === "{") && !initialStop) open = null;
      text += ch;
      k++;
      continue;
    }
    const slot = m[1]!;
    const word = pick(slot);
    const start = text.length;
    text += word;
    last = slot;
    if (open) open.end = text.length;
    else {
      open = { start, end: text.length };
      spans.push(open);
    }
    k += m[0].length;
  }
  return { text, spans };
}

/** Same length, other case: lower case or capitals, as people type. */
function recase(s: string, how: "lower" | "upper"): string | null {
  const out = how === "lower" ? s.toLowerCase() : s.toUpperCase();
  return out.length === s.length ? out : null;
}

/** The generated sentences, deterministic for a seed. */
export function synthesise(seed: number, perTemplate = 30): Example[] {
  const r = rng(seed ^ 0x5eed);
  const firsts = list("data/names/first-names.json").filter((n) => n.length >= 3 && n.length <= 10);
  const surnames = list("data/names/surnames.json").filter((n) => n.length >= 3 && n.length <= 12);
  const frequent = list("data/names/frequent-surnames.json");
  const of = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
  const first = (): string => (r() < 0.5 ? of(COMMON_FIRST) : cap(of(firsts)));
  const surname = (): string => cap(r() < 0.6 ? of(frequent) : of(surnames));
  const pick = (slot: string): string => {
    switch (slot) {
      case "F":
        return first();
      case "f":
        return first().toLowerCase();
      case "S":
        return surname();
      case "s":
        return surname().toLowerCase();
      case "I":
        return String.fromCharCode(65 + Math.floor(r() * 26));
      case "T":
        return of(TITLES_LAY);
      case "C":
        return of(TITLES_CLIN);
      case "P":
        return of(TITLES_PUBLIC);
      default:
        return `${first()} ${surname()}`;
    }
  };
  const out: Example[] = [];
  let n = 0;
  const push = (f: Filled): void => {
    const roll = r();
    let text: string | null = f.text;
    if (roll < 0.12) text = recase(f.text, "lower");
    else if (roll < 0.16) text = recase(f.text, "upper");
    out.push({ id: `synth-${n++}`, text: text ?? f.text, spans: f.spans });
  };
  for (const tpl of WITH_NAMES) for (let k = 0; k < perTemplate; k++) push(fill(tpl, pick));
  for (const tpl of WITHOUT_NAMES)
    for (let k = 0; k < Math.ceil(perTemplate / 3); k++) push({ text: tpl, spans: [] });
  return out;
}
