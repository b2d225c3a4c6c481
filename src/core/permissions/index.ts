// One permission model: every rule about who may do what, on which thing, in which state.
export { allowedActions, actionsOf, authorize, can, decide } from "./can";
export { RULES, type ActionOf } from "./rules";
export { permissionTable } from "./table";
export type * from "./types";
