// Every rule, in the order findings are listed, and one call that runs them all over an analysed text.
import type { Doc } from "../analyse";
import * as id from "./identifiers";
import * as content from "./content";
import type { RawFinding, Rule } from "./util";

export const RULES: Rule[] = [
  id.patientIdentifier,
  content.clinicalDetail,
  content.abuse,
  content.bullying,
  content.venting,
  content.defamation,
  content.misinformation,
  id.employerIdentification,
  id.workContactDetails,
  id.staffIdentification,
  content.medicalInformationShared,
  content.insecureChannel,
  content.sickLeaveConflict,
];

/** The rules' findings on one text, before any model. */
export function runRules(doc: Doc): RawFinding[] {
  const out: RawFinding[] = [];
  for (const rule of RULES) out.push(...rule(doc));
  return out;
}
