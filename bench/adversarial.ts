// Adversarial inputs for the checker's linearity: each is a short unit repeated to the wanted length,
// chosen to stress one part of the checker (titles and names, lists, punctuation, digits, emoji,
// look-alike letters, address-like lines). Shared by bench/run.ts and the linearity test.

export const ADVERSARIAL_UNITS: readonly (readonly [name: string, unit: string])[] = [
  ["repeated title", "Mr "],
  ["titles mixed", "Mrs Mr Dr Ms "],
  ["name list", "Ann, Bob and "],
  ["capitalised names", "Sarah Jones "],
  ["first names", "Tom Amy Raj Zoe "],
  ["bullet list", "- Kelly on reception\n"],
  ["numbered list", "1. Dr Khan\n"],
  ["punctuation", "!?.,;:'\"()-"],
  ["dots and spaces", ". "],
  ["digits", "0123456789 "],
  ["phone-like", "07700 900123 "],
  ["date-like", "01/02/1950 "],
  ["nhs-number-like", "943 476 5919 "],
  ["emoji", "😀🙄👍🏽❤️ "],
  ["homoglyphs", "Мr Ѕаrаh Јоnеѕ "],
  ["zero-width", "M\u200br\u200b "],
  ["address lines", "14 Mill Lane\nLeeds LS1 4AB\n"],
  ["flat and street", "Flat 3, 22 High Street, "],
  ["emails", "a.b@nhs.net "],
  ["urls", "https://x.example/a?b=c "],
  ["patient words", "a lady came in with a bad back "],
  ["hashtags and handles", "#GPlife @drsmith "],
  ["long word", "a"],
  ["no spaces caps", "AbCdEfGh"],
];

/** `unit` repeated to exactly `chars` UTF-16 code units (never splitting a surrogate pair). */
export function repeatTo(unit: string, chars: number): string {
  let s = unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
  const last = s.charCodeAt(s.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1) + " ";
  return s;
}
