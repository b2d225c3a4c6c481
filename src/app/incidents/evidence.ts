// Evidence on a case: an admin or an investigator uploads a screenshot or a PDF; it is kept with its SHA-256 and
// the type its content shows. Downloading it is a view of the case, so it is audited too.
import { createHash } from "node:crypto";
import { notFound } from "../../core/errors";
import { knownIdShape } from "../../core/ids";
import { checkEvidence, cleanFileName } from "../../core/incidents/evidence";
import { appendAudit } from "../audit/audit-log";
import type { AppContext } from "../context";
import { accessIncident, recordIncidentAction } from "./incident-store";

/** Stores one evidence file on a case, or refuses it in plain words (nothing is written then). */
export async function uploadEvidence(
  ctx: AppContext,
  practiceId: string,
  incidentId: string,
  actor: { userId: string },
  bytes: Buffer,
  name: string | undefined,
): Promise<{ id: string; sha256: string; mimeType: string; size: number; fileName: string }> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { incident } = await accessIncident(trx, practiceId, incidentId, actor, "add-action", true);
    const mimeType = checkEvidence(bytes);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const fileName = cleanFileName(name);
    const row = await trx
      .insertInto("incident_evidence")
      .values({
        incident_id: incident.id,
        file_name: fileName,
        mime_type: mimeType,
        size: bytes.length,
        sha256,
        bytes,
        uploaded_by: actor.userId,
        uploaded_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordIncidentAction(trx, incident, actor.userId, now, "evidence-added", {
      note: `Evidence added: ${fileName} (SHA-256 ${sha256.slice(0, 12)}…)`,
      audit: { type: mimeType, size: bytes.length, sha256 },
    });
    return { id: row.id, sha256, mimeType, size: bytes.length, fileName };
  });
}

/** One evidence file, for someone who may see the case (404 otherwise); the download is audited. */
export async function readEvidence(
  ctx: AppContext,
  practiceId: string,
  incidentId: string,
  evidenceId: string,
  actor: { userId: string },
): Promise<{ bytes: Buffer; mimeType: string; fileName: string; sha256: string }> {
  knownIdShape(evidenceId, "That file");
  return ctx.db.transaction().execute(async (trx) => {
    const { incident } = await accessIncident(trx, practiceId, incidentId, actor, "view");
    const row = await trx
      .selectFrom("incident_evidence")
      .select(["bytes", "mime_type", "file_name", "sha256"])
      .where("id", "=", evidenceId)
      .where("incident_id", "=", incident.id)
      .executeTakeFirst();
    if (!row) throw notFound("That file");
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: "incident.evidence-downloaded",
        targetType: "incident",
        targetId: incident.id,
        details: { evidence: evidenceId },
      },
      ctx.now(),
    );
    return {
      bytes: Buffer.from(row.bytes),
      mimeType: row.mime_type,
      fileName: row.file_name,
      sha256: row.sha256,
    };
  });
}
