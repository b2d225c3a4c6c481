// The inbox's pure core: comment and conversation types, statuses, and triage routing.
export * from "./types";
export * from "./route";
export { safeguardingCues, type SafeguardingCue } from "./safeguarding";
export * from "./comment-input";
export * from "./evidence";
export * from "./replies";
