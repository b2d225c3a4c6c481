// The policy model: the template, its lifecycle rules, numbering, diff, hot topics and review dates. Pure.
export * from "./types";
export * from "./sources";
export * from "./template";
export * from "./version";
export * from "./lifecycle";
export * from "./numbering";
export * from "./placeholders";
export * from "./hot-topics";
export * from "./review";
export * from "./diff";
export * from "./clause-map";
export * from "./document-schema";
export * from "./editing";
export * from "./consultation";
export * from "./merge";
