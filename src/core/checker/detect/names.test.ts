import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { check } from "../index";
import { useNameModel } from "./names";

const persons = (text: string, staffNames?: string[]): string[] =>
  check({ text }, staffNames ? { staffNames } : undefined)
    .entities.filter((e) => e.type === "person")
    .map((e) => e.text);

// The rule-based finder on its own: the checker keeps it for titles and the practice's staff names, and as
// the baseline the tagger is measured against (tagger.test.ts tests the tagger and what it adds).
describe("person names by the rules alone", () => {
  before(() => useNameModel(null));
  after(() => useNameModel(undefined));
  it("finds titled names without the title", () => {
    assert.deepEqual(persons("I saw Dr Okafor and Mrs Jean Whitfield today"), ["Okafor", "Jean Whitfield"]);
  });
  it("finds first name + surname from the lexicons", () => {
    assert.deepEqual(persons("Went to the match with Gareth Thomas last night"), ["Gareth Thomas"]);
  });
  it("finds a name after a strong cue even when no list knows it", () => {
    assert.deepEqual(persons("My name is Zubeyda"), ["Zubeyda"]);
  });
  it("finds lower-case full names in informal text", () => {
    assert.deepEqual(persons("just seen sarah jones in town"), ["sarah jones"]);
  });
  it("does not take capitalised ordinary words, places or organisations for names", () => {
    assert.deepEqual(persons("Happy New Year from everyone in Preston!"), []);
    assert.deepEqual(persons("Will you be open on Monday?"), []);
    assert.deepEqual(persons("Energetic and driven. Battery low."), []);
  });
  it("does not take firms, works or places for people when the words around them say so", () => {
    assert.deepEqual(persons("Brantwell is a small design agency in Leeds"), []);
    assert.deepEqual(persons("Before retraining I worked for Hadley-Rourke"), []);
    assert.deepEqual(persons("The Pryce, Okoro and Whitlam Partnership opened an office here"), []);
    assert.deepEqual(persons("Ask at Fenwick, Gallo and Marsh if you need a solicitor"), []);
    assert.deepEqual(persons("Nadia Kerr from Ormsby is speaking next"), ["Nadia Kerr"]);
    assert.deepEqual(persons("She is originally from Tavira and moved here in May"), []);
    const scorers = persons("Gerrard, Lampard and Rooney all scored");
    assert.ok(scorers.includes("Gerrard") && scorers.includes("Rooney"), scorers.join());
    assert.deepEqual(persons("Sarah is a member of the band"), ["Sarah"]);
  });
  it("knows a few well-known people by one name, in any case", () => {
    assert.deepEqual(persons("can't stop playing eminem in the car"), ["eminem"]);
    assert.deepEqual(persons("Saw a mural by Banksy near the station"), ["Banksy"]);
  });
  it("does not take star signs, drawn-out words, the pronoun I or a lower-case town for names", () => {
    assert.deepEqual(persons("Your week ahead: more for Virgo and Pisces"), []);
    assert.deepEqual(persons("Wooohooo finally home"), []);
    assert.deepEqual(persons("Wishh I could come"), []);
    assert.deepEqual(persons("cheap train tickets to glasgow please"), []);
    assert.deepEqual(persons("She finally won an Oscar and a Bafta"), []);
  });
  it("does not take the words of an address block for names, before or after it", () => {
    assert.deepEqual(
      persons("Send it to 2210 Avenue Jean Moulin 14\nSuite 9\nSt Ambroise, QC 41120 please"),
      [],
    );
    assert.deepEqual(persons("Post: USNS Whitaker\nFPO AE 30412"), []);
    assert.deepEqual(persons("Rosa Quinlan\n88 Harbour Row\nApt. 4\nPortree"), ["Rosa Quinlan"]);
    assert.deepEqual(persons("Mary Clarke lives at 12 Oak Road with Tom Burns"), [
      "Mary Clarke",
      "Tom Burns",
    ]);
  });
  it("takes a first name that is also a word for a name when it is the subject of a verb", () => {
    assert.deepEqual(persons("Christian has borrowed my charger again"), ["Christian"]);
    assert.deepEqual(persons("This Toy is brilliant fun"), []);
    assert.deepEqual(persons("tasha: are you coming out tonight"), ["tasha"]);
  });
  it("finds a name on the first line of a letter or label, and a full name repeated in full", () => {
    assert.deepEqual(persons("Dorotka Vállas\nPractice Manager\n14 Crown Street\nLeeds"), ["Dorotka Vállas"]);
    assert.deepEqual(persons("Ysolde Prantaki\nSoftware tester\nYsolde Prantaki\nLeeds"), [
      "Ysolde Prantaki",
      "Ysolde Prantaki",
    ]);
    assert.deepEqual(persons("Flu Clinic\nSaturday 10th\nNo need to book"), []);
  });
  it("finds a name before a work, and an unknown name in a list of names", () => {
    assert.deepEqual(persons("It reads like the Haraldsen novel"), ["Haraldsen"]);
    assert.deepEqual(persons("Their children: Oyelaran, Ruth and Simon"), ["Oyelaran", "Ruth", "Simon"]);
  });
  it("splits a list of names at the commas", () => {
    assert.deepEqual(persons("Thanks to Priya, Tom and Aisha"), ["Priya", "Tom", "Aisha"]);
  });
  it("finds the practice's own staff names in any case", () => {
    assert.deepEqual(persons("ask bronwyn on the desk", ["Bronwyn Hale"]), ["bronwyn"]);
  });
  it("takes any capitalised word after Mr, Mrs, Dr (with or without a full stop), and lower-case surnames", () => {
    assert.deepEqual(persons("Mr. Baker is waiting in reception"), ["Baker"]);
    assert.deepEqual(persons("spoke to mrs. ferreira-lunn about it"), ["ferreira-lunn"]);
    assert.deepEqual(persons("Turn left at 12 Oakfield Dr Meadow View"), []);
  });
  it("finds surnames the census lists have and ends a name in a common-word surname", () => {
    assert.deepEqual(persons("Lunch with Petra Young and Colm Shaw"), ["Petra Young", "Colm Shaw"]);
    assert.deepEqual(persons("Rosalind Car Hire is open"), ["Rosalind"]);
  });
  it("does not take a street for a person", () => {
    assert.deepEqual(persons("Send it to 40 Maribel Creek please"), []);
    assert.deepEqual(persons("They live on Oswin Crossing now"), []);
  });
  it("reads names in hashtags but not user names written in camel case", () => {
    assert.deepEqual(persons("great speech #graemeblackwood"), ["graemeblackwood"]);
    assert.deepEqual(persons("so proud # TessaNorbury"), ["TessaNorbury"]);
    assert.deepEqual(persons("thanks KarenTwells for the follow"), []);
    assert.deepEqual(persons("#nowplaying #throwback"), []);
  });
  it("finds first names in capitals, addressed names and possessives", () => {
    assert.deepEqual(persons("COME ON GARETH"), ["GARETH"]);
    assert.deepEqual(persons("Are you coming later, Mark?"), ["Mark"]);
    assert.deepEqual(persons("Pellegrini 's team looked tired"), ["Pellegrini"]);
    assert.deepEqual(persons("PLEASE NOTE THE SURGERY IS CLOSED"), []);
  });
  it("finds names after relatives and naming verbs", () => {
    assert.deepEqual(persons("Please take my son Ilario off the list"), ["Ilario"]);
    assert.deepEqual(persons("We named her Blossom"), ["Blossom"]);
  });
  it("does not take a place or a shop after a word of place for a surname", () => {
    assert.deepEqual(persons("He came in from Thornbury this morning"), []);
    assert.deepEqual(persons("Pick it up from Hartley Chemist"), []);
  });
  it("finds a name again once it has been found, and three-part names with a middle initial", () => {
    assert.deepEqual(persons("Written by Ilse Brandvold; later Brandvold moved abroad"), [
      "Ilse Brandvold",
      "Brandvold",
    ]);
    assert.deepEqual(persons("Ask Oriel T. Vantongeren about it"), ["Oriel T. Vantongeren"]);
  });
  it("leaves lower-case words alone in text that is mostly not English", () => {
    assert.deepEqual(persons("kami pergi ke pasar dengan adik tadi pagi"), []);
    assert.deepEqual(persons("had coffee with sarah jones and tom"), ["sarah jones"]);
  });
});
