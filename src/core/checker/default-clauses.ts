// Which clause of the practice's social media policy each rule cites, until the practice's own policy
// says otherwise (PracticeProfile.clauses overrides any entry).
import type { ClauseRef, RuleId } from "./types";

export const DEFAULT_CLAUSES: Record<RuleId, ClauseRef> = {
  "employer-identification": { number: "3.1", title: "Not naming the practice as your employer" },
  "work-contact-details": { number: "3.2", title: "Work email and phone numbers" },
  "sick-leave-conflict": { number: "3.3", title: "Posting while on sick leave" },
  "patient-identifier": { number: "4.1", title: "Patient confidentiality" },
  "clinical-detail": { number: "4.2", title: "Clinical stories" },
  abuse: { number: "5.1", title: "Respect online" },
  bullying: { number: "5.2", title: "Colleagues and bullying" },
  venting: { number: "5.3", title: "Frustration about patients or work" },
  defamation: { number: "5.4", title: "Allegations about people and organisations" },
  misinformation: { number: "5.5", title: "Health information and hot topics" },
  "insecure-channel": { number: "6.2", title: "Practice accounts are not for medical matters" },
  "staff-identification": { number: "7.2", title: "Comments that identify staff" },
  "medical-information-shared": { number: "7.3", title: "Medical details posted in public" },
};
