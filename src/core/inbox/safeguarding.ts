// Safeguarding cues the checker does not look for: someone writing that a child or an adult at risk is being
// harmed, neglected or is unsafe. Deliberately broad — a false alarm costs the safeguarding lead a minute, a
// miss can cost far more — and it returns codes only, never the words found.

const WHO =
  /\b(?:child|children|kids?|baby|babies|toddler|infant|son|daughter|grand(?:son|daughter|child)|teen(?:ager)?s?|boy|girl|pupil|little one|(?:my|her|his|their) (?:mum|mother|dad|father|nan|gran)|elderly|vulnerable|carer|care home|neighbou?r)\b/;
const HARM =
  /\b(?:hit(?:s|ting)? (?:him|her|them|me)|(?:being|getting|gets|been) (?:hit|hurt)|hurts? (?:him|her|them|me)|beat(?:s|en|ing)?|bruis(?:e|es|ed|ing)|neglect(?:ed|ing)?|starv(?:ed|ing)|not (?:being )?fed|left (?:alone|on (?:their|his|her) own)|locked in|abus(?:e|ed|ing)|shak(?:en|ing)|scared of|afraid of|touch(?:ed|ing) (?:them|him|her)|groom(?:ed|ing)|exploit(?:ed|ing))\b/;
/** Phrases that are a safeguarding concern on their own. */
const ALONE =
  /\b(?:safeguarding|domestic (?:abuse|violence)|child (?:abuse|neglect|protection)|fgm|female genital|forced marriage|not safe at home|scared to go home|afraid to go home|county lines|modern slavery|(?:being|been) trafficked)\b/;

export type SafeguardingCue = "safeguarding-phrase" | "person-at-risk-harmed";

/** The safeguarding cues in a comment's text (codes only). */
export function safeguardingCues(text: string): SafeguardingCue[] {
  const norm = text.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, " ");
  const cues: SafeguardingCue[] = [];
  if (ALONE.test(norm)) cues.push("safeguarding-phrase");
  // A person at risk and a harm in the same sentence.
  for (const sentence of norm.split(/(?<=[.!?])\s+|\n/))
    if (WHO.test(sentence) && HARM.test(sentence)) {
      cues.push("person-at-risk-harmed");
      break;
    }
  return cues;
}
