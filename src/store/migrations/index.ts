import type { Migration } from "kysely/migration";
import * as foundation from "./2026-11-21T1940-foundation";
import * as policy from "./2026-11-21T2000-policy";
import * as practiceSettings from "./2026-11-21T2100-practice-settings";
import * as auditChains from "./2026-12-01T2245-audit-chains";
import * as dropJobsTable from "./2026-12-01T2302-drop-jobs-table";
import * as twoFactor from "./2026-12-02T0440-two-factor";
import * as security from "./2026-12-02T0500-security";
import * as roleGrants from "./2026-12-02T0530-role-grants";
import * as consultationClosing from "./2026-12-02T0540-consultation-closing";
import * as policyTeamwork from "./2026-12-02T1100-policy-teamwork";
import * as postImages from "./2026-12-02T1550-post-images";
import * as posts from "./2026-12-02T1600-posts";
import * as channelConnect from "./2026-12-02T1700-channel-connect";
import * as channelTokens from "./2026-12-02T1710-channel-tokens";
import * as channelReferencesDeferred from "./2026-12-03T0945-channel-references-deferred";
import * as inbox from "./2026-12-03T1150-inbox";
import * as incidents from "./2026-12-03T1200-incidents";
import * as waitingNotices from "./2026-12-03T1230-waiting-notices";
import * as incidentEvidence from "./2026-12-03T1300-incident-evidence";
import * as inboxModeration from "./2026-12-03T1610-inbox-moderation";
import * as inboxReplies from "./2026-12-03T1750-inbox-replies";
import * as retiredMacKeys from "./2026-12-03T1900-retired-mac-keys";
import * as incidentConcernLinks from "./2026-12-03T1910-incident-concern-links";
import * as myAccounts from "./2026-12-04T0210-my-accounts";
import * as checkerCounts from "./2026-12-04T0215-checker-counts";
import * as inboxDeleteBlockReport from "./2026-12-04T0245-inbox-delete-block-report";
import * as onboardingHidden from "./2026-12-04T0300-onboarding-hidden";
import * as abuseReplyWording from "./2026-12-04T1200-abuse-reply-wording";

/**
 * Every migration, in order. Names are timestamps so they sort; add a new file and one line here.
 * They are imported (not read from a folder) so the bundled CLI carries them.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-21T1940-foundation": foundation,
  "2026-11-21T2000-policy": policy,
  "2026-11-21T2100-practice-settings": practiceSettings,
  "2026-12-01T2245-audit-chains": auditChains,
  "2026-12-01T2302-drop-jobs-table": dropJobsTable,
  "2026-12-02T0440-two-factor": twoFactor,
  "2026-12-02T0500-security": security,
  "2026-12-02T0530-role-grants": roleGrants,
  "2026-12-02T0540-consultation-closing": consultationClosing,
  "2026-12-02T1100-policy-teamwork": policyTeamwork,
  "2026-12-02T1550-post-images": postImages,
  "2026-12-02T1600-posts": posts,
  "2026-12-02T1700-channel-connect": channelConnect,
  "2026-12-02T1710-channel-tokens": channelTokens,
  "2026-12-03T0945-channel-references-deferred": channelReferencesDeferred,
  "2026-12-03T1150-inbox": inbox,
  "2026-12-03T1200-incidents": incidents,
  "2026-12-03T1230-waiting-notices": waitingNotices,
  "2026-12-03T1300-incident-evidence": incidentEvidence,
  "2026-12-03T1610-inbox-moderation": inboxModeration,
  "2026-12-03T1750-inbox-replies": inboxReplies,
  "2026-12-03T1900-retired-mac-keys": retiredMacKeys,
  "2026-12-03T1910-incident-concern-links": incidentConcernLinks,
  "2026-12-04T0210-my-accounts": myAccounts,
  "2026-12-04T0215-checker-counts": checkerCounts,
  "2026-12-04T0245-inbox-delete-block-report": inboxDeleteBlockReport,
  "2026-12-04T0300-onboarding-hidden": onboardingHidden,
  "2026-12-04T1200-abuse-reply-wording": abuseReplyWording,
};
