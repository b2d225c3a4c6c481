import type { AppContext } from "../context";
import { publishTemplateForDemo } from "../policy/demo-policy";
import { demoPosts } from "../posts/demo-posts";
import { demoIncidents } from "../incidents/demo-incidents";
import { demoComments } from "../inbox/demo-comments";
import { demoMyAccounts } from "../my-accounts/demo-my-accounts";
import { demoOversight } from "../oversight/demo-oversight";

/** Later capabilities add demo content here (e.g. the policy template published as 1.0). */
export const demoSetupHooks: ((ctx: AppContext, practiceId: string) => Promise<void>)[] = [
  publishTemplateForDemo,
  demoOversight,
  demoPosts,
  demoIncidents,
  demoComments,
  demoMyAccounts,
];
