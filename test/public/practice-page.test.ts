// The practice's public page (/p/{slug}) and its news: what a patient reads, without signing in.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import { buildServer } from "../../src/server/app";
import { publishTemplateForDemo } from "../../src/app/policy";
import { ensureWebsiteChannel, loadChannels } from "../../src/app/channels/channels";
import { createPost } from "../../src/app/posts/compose";
import { approvePost, submitPost } from "../../src/app/posts/review";
import { publishNow } from "../../src/app/posts/schedule";
import { publishDelivery } from "../../src/app/posts/publish";
import { uploadPostImage } from "../../src/app/posts/images";
import { getPracticeSettings, updatePracticeSettings } from "../../src/app/practices/settings";
import { DEMO_SETTINGS } from "../../src/app/demo/ensure-demo";
import { seedPolicyPractice } from "../policy/fixtures";

type Ctx = ReturnType<typeof testContext>;
type Seeded = Awaited<ReturnType<typeof seedPolicyPractice>>;

/** A post on the practice's website channel, through the use cases a person uses; published when asked. */
async function websitePost(ctx: Ctx, s: Seeded, text: string, o: { publish: boolean; image?: boolean }) {
  const practiceId = s.practice.id;
  await ensureWebsiteChannel(ctx.db, practiceId, ctx.now());
  const website = (await loadChannels(ctx.db, practiceId)).find((c) => c.kind === "website")!;
  const images = o.image
    ? [
        {
          id: (
            await uploadPostImage(
              ctx,
              practiceId,
              { userId: s.users.poster.id },
              await sharp({ create: { width: 40, height: 30, channels: 3, background: "#005eb8" } })
                .png()
                .toBuffer(),
            )
          ).id,
          altText: "The surgery's front door",
        },
      ]
    : [];
  const poster = { userId: s.users.poster.id };
  const post = await createPost(ctx, practiceId, poster, {
    text,
    link: null,
    channelIds: [website.id],
    images,
    overrideReason: null,
  });
  if (o.publish) {
    await submitPost(ctx, practiceId, post.id, poster, null);
    await approvePost(ctx, practiceId, post.id, { userId: s.users.approver.id });
    await publishNow(ctx, practiceId, post.id, poster);
    const deliveries = await ctx.db
      .selectFrom("deliveries")
      .select("id")
      .where("post_id", "=", post.id)
      .execute();
    for (const d of deliveries) await publishDelivery(ctx, { practiceId, deliveryId: d.id });
  }
  return { postId: post.id, imageId: images[0]?.id };
}

for (const kind of databaseKinds) {
  describe(`the practice's page for patients (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let ctx: Ctx;
    let oak: Seeded;
    let published: { postId: string; imageId: string | undefined };
    let draft: { postId: string; imageId: string | undefined };
    const get = (url: string) => app.inject({ method: "GET", url });

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      app = await buildServer(ctx, { logLevel: "silent", checkResponses: true });
      oak = await seedPolicyPractice(ctx, "oakpage");
      await updatePracticeSettings(ctx, {
        practiceId: oak.practice.id,
        actorId: oak.users.admin.id,
        revision: (await getPracticeSettings(ctx, oak.practice.id)).revision,
        name: `Oak <b>"&"</b> Surgery`,
        settings: { ...DEMO_SETTINGS, nhsWebsiteUrl: "https://www.nhs.uk/services/gp-surgery/oak/X1" },
      });
      await publishTemplateForDemo(ctx, oak.practice.id);
      published = await websitePost(ctx, oak, "Flu clinic on Saturday <script>alert(1)</script>", {
        publish: true,
        image: true,
      });
      draft = await websitePost(ctx, oak, "Not yet out: new opening hours", { publish: false, image: true });
      const elm = await seedPolicyPractice(ctx, "elmpage");
      await websitePost(ctx, elm, "Elm news only Elm's patients read", { publish: true });
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("puts urgent help first, then the practice's own links from Settings, the policy numbered 1.1, 1.2… and its news", async () => {
      const res = await get("/p/oakpage");
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers["content-type"]), /text\/html/);
      const page = res.body;
      const main = page.slice(page.indexOf("<main"));
      assert.ok(
        main.indexOf('id="urgent-help"') < main.indexOf("<h1"),
        "urgent help comes before the heading",
      );
      assert.match(page, /<a href="tel:999">call 999<\/a>/);
      assert.match(page, /<a href="tel:111">call 111<\/a>/);
      assert.match(page, /<a href="https:\/\/111\.nhs\.uk\/">NHS 111 online<\/a>/);
      assert.match(page, /<a href="tel:01234567890">01234 567890<\/a>/);
      assert.match(page, /href="https:\/\/riverside\.example\/online-consultation"/);
      assert.match(page, /href="https:\/\/riverside\.example\/complaints"/);
      assert.match(page, /href="https:\/\/www\.nhs\.uk\/services\/gp-surgery\/oak\/X1"/);
      assert.match(
        page,
        /<a href="https:\/\/www\.nhs\.uk\/services\/gp-surgery\/oak\/X1">nhs\.uk<\/a> website/,
        "the Reviews clause links to the practice's own page",
      );
      // Consecutive: every section's clauses run 1, 2, 3… and sections 1, 2, 3…
      const numbers = [...page.matchAll(/<h4 class="nhsuk-heading-s">(\d+)\.(\d+) /g)].map((m) => [
        Number(m[1]),
        Number(m[2]),
      ]);
      assert.ok(numbers.length > 5, "the patient clauses are on the page");
      numbers.forEach(([s, c], i) => {
        const [ps, pc] = i ? numbers[i - 1]! : [1, 0];
        assert.ok(
          (s === ps && c === pc! + 1) || (s === ps! + 1 && c === 1),
          `clause ${s}.${c} follows ${ps}.${pc}`,
        );
      });
      assert.ok(!page.includes("Jigsaw identification"), "staff-only clauses stay off");
      // News: the published post, escaped; never the draft, never another practice's.
      assert.match(page, /Flu clinic on Saturday &#60;script&#62;/);
      assert.ok(!page.includes("Not yet out"));
      assert.ok(!page.includes("Elm news"));
      assert.ok(!/<script/i.test(page), "no script at all");
      assert.match(page, /Oak &#60;b&#62;&#34;&#38;&#34;&#60;\/b&#62; Surgery/);
    });

    it("serves the news page, its feeds and the images of published posts only", async () => {
      const news = await get("/p/oakpage/news");
      assert.equal(news.statusCode, 200);
      assert.match(news.body, /Flu clinic on Saturday/);
      assert.match(news.body, /alt="The surgery&#39;s front door"/);
      const rss = await get("/p/oakpage/news.rss");
      assert.match(String(rss.headers["content-type"]), /rss\+xml/);
      assert.match(rss.body, /Flu clinic on Saturday/);
      const json = JSON.parse((await get("/p/oakpage/news.json")).body) as { items: { image?: string }[] };
      assert.equal(json.items.length, 1);
      const imagePath = new URL(json.items[0]!.image!).pathname;
      const image = await get(imagePath);
      assert.equal(image.statusCode, 200);
      assert.match(String(image.headers["content-type"]), /^image\/png/);
      assert.equal(
        (await get(`/p/oakpage/news/images/${draft.imageId}.png`)).statusCode,
        404,
        "an image of a post not yet published is not public",
      );
      assert.equal(
        (await get(imagePath.replace("/p/oakpage/", "/p/elmpage/"))).statusCode,
        404,
        "nor under another practice's address",
      );
      assert.equal((await get(`/p/oakpage/news/images/${published.imageId}.jpg`)).statusCode, 404);
      const embed = await get("/p/oakpage/news/embed");
      assert.equal(embed.headers["x-frame-options"], undefined);
      assert.match(String(embed.headers["content-security-policy"]), /frame-ancestors \*/);
    });

    it("numbers the policy page consecutively with urgent help first, and 404s a practice that does not exist", async () => {
      const page = (await get("/p/oakpage/social-media-policy")).body;
      assert.ok(page.indexOf('id="urgent-help"') < page.indexOf("<h1"));
      assert.match(page, /<h3 class="nhsuk-heading-s">1\.1 /);
      const json = JSON.parse((await get("/p/oakpage/social-media-policy.json")).body) as {
        sections: { number: string; clauses: { number: string }[] }[];
      };
      json.sections.forEach((s, i) => {
        assert.equal(s.number, String(i + 1));
        s.clauses.forEach((c, j) => assert.equal(c.number, `${i + 1}.${j + 1}`));
      });
      assert.equal((await get("/p/nobody-here")).statusCode, 404);
      assert.match((await get("/p/nobody-here")).body, /Page not found/);
    });

    it("refuses an NHS website address that is not on nhs.uk, naming the field as labelled", async () => {
      await assert.rejects(
        updatePracticeSettings(ctx, {
          practiceId: oak.practice.id,
          actorId: oak.users.admin.id,
          revision: (await getPracticeSettings(ctx, oak.practice.id)).revision,
          name: "Oak Surgery",
          settings: { ...DEMO_SETTINGS, nhsWebsiteUrl: "https://reviews.example/oak" },
        }),
        (e: { fields?: Record<string, string> }) =>
          /^Your page on the NHS website: .*https:\/\/www\.nhs\.uk\//.test(
            e.fields?.["settings.nhsWebsiteUrl"] ?? "",
          ),
      );
    });
  });
}
