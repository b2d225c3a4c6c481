// The incident register (issue 11): concerns, cases, breaches and the disciplinary process. One use case per action.
export {
  addIncidentAction,
  getIncident,
  listIncidents,
  listIncidentsForOperator,
  openIncident,
  reportConcern,
  updateIncident,
} from "./cases";
export { decideBreach, gradeBreachCase, recordPeopleTold, saveReportFields, setAwareAt } from "./breach";
export { openDisciplinary, takeDisciplinaryStep } from "./disciplinary";
export { sendBreachReminders } from "./breach-reminders";
export { disciplinaryLetterOf } from "./letters";
export { breachReportOf, type BreachReport } from "./breach-report";
export { readEvidence, uploadEvidence } from "./evidence";
export type { IncidentSummary, IncidentView } from "./incident-view";
