// Request and response schemas, defined once: the server validates with them, the web client infers its types
// from them, and GET /api/openapi.json describes them.
export * from "./common";
export * from "./members";
export * from "./practices";
export * from "./posts";
export * from "./channels";
export * from "./media";
export * from "./inbox";
export * from "./account";
export { endpoints, type Endpoint } from "./endpoints";
export * from "./incidents";
export * from "./my-accounts";
export * from "./oversight";
export * from "./policy";
export * from "./foundation";
