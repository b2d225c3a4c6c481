// My accounts (issue 11, part 6): each member's private personal-account check. One use case per action.
export { readMyAccounts, saveMyAccountsPlatform, setMyAccountsSharing, type MyAccountsView } from "./check";
export { myAccountsSummary, myAccountsCompletionRate, type MyAccountsSummary } from "./summary";
export { myAccountsWaitingItems } from "./waiting";
export {
  addMyAccountsPlatform,
  listMyAccountsPlatforms,
  removeMyAccountsPlatform,
  MAX_ADDED_PLATFORMS,
} from "./platforms";
