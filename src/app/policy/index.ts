// Policy use cases: one action per function. Routes, CLI and jobs call these.
export * from "./policy-store";
export * from "./drafts";
export * from "./edit-draft";
export * from "./consultation";
export * from "./approve-publish";
export * from "./acknowledgements";
export * from "./reminders";
export * from "./read-policy";
export * from "./demo-policy";
export * from "./evidence";
export * from "./checker-profile";
export * from "./team-notices";
export * from "./chase";
export * from "./waiting";
export * from "./policy-permissions";
export * from "./change-requests";
export * from "./changes-since-acknowledged";
