import type { AppContext } from "../../src/app/context";
import type { PolicyDocument } from "../../src/core/policy";
import {
  approveVersion,
  createDraft,
  publishVersion,
  recordStaffRepDecision,
  saveDraft,
  startConsultation,
} from "../../src/app/policy";
import type { SeededPractice } from "./seed";

/**
 * Takes a new version of the policy all the way to published through the app's own use cases (the admin edits,
 * consults, the staff rep agrees, the approver approves, the admin publishes), so a browser test can start from
 * a practice with history. `from` is "template" for the first version. Answers the published version's id.
 */
export async function publishPolicyVersion(
  ctx: AppContext,
  practice: SeededPractice,
  from: string,
  changeKind: "major" | "minor",
  edit: (doc: PolicyDocument) => void = () => {},
): Promise<string> {
  const p = practice.id;
  const admin = { userId: practice.user("admin").id };
  const changelog = changeKind === "major" ? "A bigger change everyone should read" : "Small corrections";
  const d = await createDraft(ctx, p, admin, { from, changeKind, changelog });
  const doc = structuredClone(d.document);
  edit(doc);
  await saveDraft(ctx, p, d.id, admin, { revision: d.revision, document: doc });
  await startConsultation(ctx, p, d.id, admin);
  await recordStaffRepDecision(
    ctx,
    p,
    d.id,
    { userId: practice.user("staff-rep").id },
    { decision: "agree" },
  );
  await approveVersion(ctx, p, d.id, { userId: practice.user("approver").id });
  return (await publishVersion(ctx, p, d.id, admin, { changelog })).id;
}
