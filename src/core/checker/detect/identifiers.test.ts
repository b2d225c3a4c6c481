import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { fold } from "../text";
import {
  findAges,
  findDates,
  findEmails,
  findNhsNumbers,
  findNiNumbers,
  findPhones,
  findPostcodes,
  findUrls,
  validNhsNumber,
} from "./identifiers";

const texts = (list: { text: string }[]): string[] => list.map((e) => e.text);

describe("NHS numbers", () => {
  it("accepts a number whose modulus-11 check digit is right, in any spacing", () => {
    assert.equal(validNhsNumber("4010232137"), true);
    assert.deepEqual(texts(findNhsNumbers(fold("ref 401 023 2137 today"))), ["401 023 2137"]);
    assert.deepEqual(texts(findNhsNumbers(fold("ref 401-023-2137"))), ["401-023-2137"]);
    assert.deepEqual(texts(findNhsNumbers(fold("ref 4010232137."))), ["4010232137"]);
  });
  it("rejects a wrong check digit and filler numbers", () => {
    assert.equal(validNhsNumber("4010232138"), false);
    assert.equal(validNhsNumber("9999999999"), false);
    assert.deepEqual(findNhsNumbers(fold("call 401 023 2138")), []);
  });
  it("keeps a labelled but invalid number as unverified", () => {
    const [e] = findNhsNumbers(fold("NHS number 401 023 2138"));
    assert.equal(e?.unverified, true);
  });
});

describe("phones", () => {
  it("finds UK landlines, mobiles and +44 numbers", () => {
    assert.deepEqual(texts(findPhones(fold("Ring 01632 960 123 or 07700 900 456 or +44 7700 900456."))), [
      "01632 960 123",
      "07700 900 456",
      "+44 7700 900456",
    ]);
    assert.deepEqual(texts(findPhones(fold("my number is 07700900456"))), ["07700900456"]);
  });
  it("ignores prices, years, card numbers and house numbers", () => {
    assert.deepEqual(findPhones(fold("It cost £1,250.50 in 2019-2020")), []);
    assert.deepEqual(findPhones(fold("card 4111111111111111")), []);
    assert.deepEqual(findPhones(fold("lives at 370 3911 Fourth Avenue")), []);
  });
});

describe("emails and URLs", () => {
  it("finds emails, including NHSmail", () => {
    assert.deepEqual(texts(findEmails(fold("write to jo.bloggs7@nhs.net, thanks"))), ["jo.bloggs7@nhs.net"]);
  });
  it("does not take a handle for an email", () => {
    assert.deepEqual(findEmails(fold("thanks @NHSEngland")), []);
  });
  it("finds links and trims trailing punctuation", () => {
    assert.deepEqual(texts(findUrls(fold("see https://www.nhs.uk/conditions/flu/."))), [
      "https://www.nhs.uk/conditions/flu/",
    ]);
    assert.deepEqual(texts(findUrls(fold("see nhs.uk for more"))), ["nhs.uk"]);
  });
});

describe("postcodes and NI numbers", () => {
  it("finds full postcodes and outward codes after a cue", () => {
    assert.deepEqual(texts(findPostcodes(fold("Send it to PR5 6AB please"))), ["PR5 6AB"]);
    assert.deepEqual(texts(findPostcodes(fold("she lives in BB2 near the park"))), ["BB2"]);
  });
  it("does not take a motorway for a postcode", () => {
    assert.deepEqual(findPostcodes(fold("stuck on the M6 again")), []);
  });
  it("finds NI numbers", () => {
    assert.deepEqual(texts(findNiNumbers(fold("NI: AB 12 34 56 C"))), ["AB 12 34 56 C"]);
  });
});

describe("dates", () => {
  it("finds written and numeric dates and marks dates of birth", () => {
    const d = findDates(fold("He was born 12 June 1931 and seen on 03/04/2024."));
    assert.deepEqual(texts(d), ["12 June 1931", "03/04/2024"]);
    assert.equal(d[0]!.birth, true);
    assert.equal(d[1]!.birth, undefined);
  });
  it("does not read 'may' the verb as a month", () => {
    assert.deepEqual(findDates(fold("You may need a booster")), []);
  });
});

describe("ages", () => {
  it("finds a person's age as the number", () => {
    assert.deepEqual(texts(findAges(fold("a 67-year-old man"))), ["67"]);
    assert.deepEqual(texts(findAges(fold("my daughter is 6 and poorly"))), ["6"]);
    assert.deepEqual(texts(findAges(fold("a woman in her 80s"))), ["80s"]);
    assert.deepEqual(texts(findAges(fold("aged 4"))), ["4"]);
  });
  it("keeps the whole age phrase for redaction", () => {
    const t = "Had an 87 year old gent in, and a lad (16 y/o) aged 16";
    const phrases = findAges(fold(t)).map((a) => (a.phrase ? t.slice(a.phrase.start, a.phrase.end) : null));
    assert.deepEqual(phrases, ["87 year old", "16 y/o", null]);
  });
  it("marks group ages so they are not taken for a person", () => {
    const a = findAges(fold("jabs for everyone aged 80 and over, and checks for the over 70s"));
    assert.ok(a.length >= 2);
    assert.ok(a.every((x) => x.group));
  });
  it("ignores durations", () => {
    assert.deepEqual(findAges(fold("I turned 5 pages")), []);
  });
});
