// "My accounts": every member's private self-check of their personal social media accounts (docs/my-accounts.md).
export * from "./items";
export * from "./platforms";
export * from "./checklist";
