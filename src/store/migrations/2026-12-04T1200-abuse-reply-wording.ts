import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

// The built-in "Comment hidden" reply as first written, and as reworded: the learned checker read the old
// wording's "our page … this comment … complaints" as inviting medical details over social media, so a practice
// sending its own default reply was told "Do not post".
const BEFORE =
  "We want our page to be a safe and respectful place for everyone, including our staff, so we have hidden this comment. If you have a concern about your care, please contact us privately through our complaints procedure{complaints}, or {callUs}.";
const AFTER =
  "We have hidden this because it was abusive. We want this to be a safe and respectful place for everyone, including our staff. If you have a concern about your care, please contact us privately through our complaints procedure{complaints}, or {callUs}.";

/** Practices that have not edited the built-in reply get the new wording; an edited one is the practice's own. */
export async function up(db: AnyDb): Promise<void> {
  await sql`update inbox_reply_templates set text = ${AFTER} where builtin_key = 'abuse' and text = ${BEFORE}`.execute(
    db,
  );
}

export async function down(db: AnyDb): Promise<void> {
  await sql`update inbox_reply_templates set text = ${BEFORE} where builtin_key = 'abuse' and text = ${AFTER}`.execute(
    db,
  );
}
