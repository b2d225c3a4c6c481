// Demo setup: the demo practice's posting team has been busy, so a newcomer meets a post in each state that
// matters: one published on the practice website, one approved and scheduled, one waiting for approval.
// Each goes through the same use cases a person would use, so the demo shows the real rules at work.
import { addDays, ukIsoDay, ukWallClockToInstant } from "../../core/dates";
import type { AppContext } from "../context";
import { ensureWebsiteChannel, loadChannels } from "../channels/channels";
import { createPost } from "./compose";
import { approvePost, submitPost } from "./review";
import { publishNow, schedulePost } from "./schedule";
import { publishDelivery } from "./publish";

const DEMO_POSTS = {
  published:
    "Our flu and COVID-19 vaccination clinics are running on Saturday mornings until the end of the month. Book a slot through the NHS App or online.",
  scheduled:
    "The surgery closes at 1pm next Wednesday for staff training. If you need help while we are closed, call NHS 111 or use 111.nhs.uk.",
  waiting:
    "Did you know our practice pharmacist can review your regular medicines with you? Ask at reception or send us an online consultation.",
};

/** The email addresses of the demo's poster and approver (src/app/demo/ensure-demo.ts creates them). */
const POSTER = "comms@riverside.example";
const APPROVER = "partner@riverside.example";

export async function demoPosts(ctx: AppContext, practiceId: string): Promise<void> {
  const people = await ctx.db
    .selectFrom("users")
    .select(["id", "email"])
    .where("email", "in", [POSTER, APPROVER])
    .execute();
  const posterRow = people.find((p) => p.email === POSTER);
  const approverRow = people.find((p) => p.email === APPROVER);
  if (!posterRow || !approverRow) return;
  const poster = { userId: posterRow.id };
  const approver = { userId: approverRow.id };
  await ensureWebsiteChannel(ctx.db, practiceId, ctx.now());
  const website = (await loadChannels(ctx.db, practiceId)).find((c) => c.kind === "website")!;
  const draft = (text: string) =>
    createPost(ctx, practiceId, poster, {
      text,
      link: null,
      channelIds: [website.id],
      images: [],
      overrideReason: null,
    });

  const published = await draft(DEMO_POSTS.published);
  await submitPost(ctx, practiceId, published.id, poster, null);
  await approvePost(ctx, practiceId, published.id, approver);
  await publishNow(ctx, practiceId, published.id, poster);
  // Published at once rather than by the job queue a moment later, so the feed is not empty on first sight;
  // the queued job then finds it done.
  const deliveries = await ctx.db
    .selectFrom("deliveries")
    .select("id")
    .where("post_id", "=", published.id)
    .execute();
  for (const d of deliveries) await publishDelivery(ctx, { practiceId, deliveryId: d.id });

  const scheduled = await draft(DEMO_POSTS.scheduled);
  await submitPost(ctx, practiceId, scheduled.id, poster, null);
  await approvePost(ctx, practiceId, scheduled.id, approver);
  const inThreeDays = ukWallClockToInstant(addDays(ukIsoDay(ctx.now()), 3), "10:00")!;
  await schedulePost(ctx, practiceId, scheduled.id, poster, inThreeDays.toISOString());

  const waiting = await draft(DEMO_POSTS.waiting);
  await submitPost(ctx, practiceId, waiting.id, poster, null);
}
