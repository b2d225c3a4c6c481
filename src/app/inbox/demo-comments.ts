// Demo setup: a handful of patients have written under the demo practice's published post and elsewhere, so a
// newcomer meets the inbox working: a complaint with its acknowledgement day, a prescription request, a thank-you,
// a question and an abusive comment naming the receptionist. Every comment and name is invented. They go through
// the same use case an import does, so each is triaged exactly as a real one would be.
import { commentInputSchema, fillReplyTemplate, type CommentInput } from "../../core/inbox";
import type { AppContext } from "../context";
import { receiveComments } from "./receive-comments";
import { submitReply } from "./replies";
import { replyDetailsOf, templatesOf } from "./reply-templates";

const POSTER = "comms@riverside.example";

export async function demoComments(ctx: AppContext, practiceId: string): Promise<void> {
  const poster = await ctx.db.selectFrom("users").select("id").where("email", "=", POSTER).executeTakeFirst();
  if (!poster) return;
  const published = await ctx.db
    .selectFrom("deliveries")
    .select("url")
    .where("practice_id", "=", practiceId)
    .where("state", "=", "published")
    .where("url", "is not", null)
    .executeTakeFirst();
  const postUrl = published?.url ?? "";
  const hoursAgo = (h: number) => new Date(ctx.now().getTime() - h * 3_600_000).toISOString();
  const comments: CommentInput[] = [
    {
      channel: "website",
      author: "K. Farrow (invented)",
      text: "Formal complaint: I sat in the waiting room over an hour past my appointment time on Monday and nobody told me why.",
      receivedAt: hoursAgo(5),
      postUrl,
    },
    {
      channel: "facebook",
      author: "Sunny Day Demo",
      text: "Can I get my repeat prescription for my inhaler sent to the chemist please? I've nearly run out.",
      receivedAt: hoursAgo(4),
    },
    {
      channel: "instagram",
      author: "@made.up.patient",
      text: "Thank you to the nurses for the flu jab on Saturday, quick and friendly as always!",
      receivedAt: hoursAgo(3),
      postUrl,
    },
    {
      channel: "x",
      author: "@not_a_real_account",
      text: "Alan Brooks on reception is a useless idiot and should be sacked, everyone avoid him.",
      receivedAt: hoursAgo(2),
    },
    {
      channel: "other",
      author: "",
      text: "What time do you open on Saturday?",
      receivedAt: hoursAgo(1),
    },
  ];
  const received = await receiveComments(
    ctx,
    practiceId,
    comments.map((c) => commentInputSchema.parse(c)),
    { actorId: poster.id, source: "import" },
  );
  // The prescription request has a reply from its template, waiting for a second person to approve it.
  if (!received.conversationIds.length) return;
  const prescription = (
    await ctx.db
      .selectFrom("inbox_conversations")
      .select("id")
      .where("id", "in", received.conversationIds)
      .where("category", "=", "prescription-request")
      .executeTakeFirst()
  )?.id;
  if (!prescription) return;
  const templates = await ctx.db
    .transaction()
    .execute((trx) => templatesOf(trx, practiceId, ctx.now(), false));
  const template = templates.find((t) => t.category === "prescription-request");
  if (!template) return;
  const text = fillReplyTemplate(template.text, await replyDetailsOf(ctx.db, practiceId));
  await submitReply(ctx, practiceId, prescription, { userId: poster.id }, { text, templateId: template.id });
}
