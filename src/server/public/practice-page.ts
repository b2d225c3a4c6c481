// The practice's own public page, /p/{slug}: urgent help first, how to contact the practice (from its Settings),
// its social media policy for patients and its latest news. Also the news page, its feeds, embed and images.
import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../app/context";
import { findPracticeBySlug, type PracticeInfo } from "../../app/policy/policy-store";
import { publishedPolicy } from "../../app/policy/read-policy";
import { loadNews, publishedNewsImage } from "../../app/posts/news";
import { SLUG } from "../../app/practices/create-practice";
import { longDate } from "../../exports/format";
import type { RouteModule } from "../routes/index";
import { html, page, raw } from "./html";
import { itemHtml, newsUrls, printable, renderNewsHtml, renderNewsJson, renderNewsRss } from "./news-render";
import { contactHtml, urgentHelpHtml } from "./patient-help";
import { notFoundPage, numberedForPatients, sectionsHtml } from "./policy-page";

const slugParams = z.object({ slug: z.string().max(64) });
const imageParams = z.object({ slug: z.string().max(64), file: z.string().max(100) });
const HTML = "text/html; charset=utf-8";
/** How many posts the practice page shows before "All news". */
const LATEST = 3;

async function practiceOf(ctx: AppContext, params: unknown): Promise<PracticeInfo | null> {
  const { slug } = slugParams.parse(params);
  return SLUG.test(slug) ? findPracticeBySlug(ctx.db, slug) : null;
}

const notFound = (reply: FastifyReply) => reply.status(404).type(HTML).send(notFoundPage());

/** The practice page's HTML: everything escaped, no script. */
export async function renderPracticePage(ctx: AppContext, practice: PracticeInfo): Promise<string> {
  const policy = await publishedPolicy(ctx, practice, { patientFacingOnly: true });
  const news = await loadNews(ctx.db, ctx.baseUrl, practice, LATEST);
  const name = printable(practice.name);
  const policyPart = policy
    ? html`<p class="nhsuk-body-s" id="policy-version">
          Version ${policy.version}, published ${longDate(policy.publishedAt)}.
          <a href="/p/${practice.slug}/social-media-policy">The policy on a page of its own</a>
        </p>
        ${sectionsHtml(numberedForPatients(policy.sections), 3, practice.details.nhsWebsiteUrl)}`
    : html`<p class="nhsuk-body">The practice has not published its social media policy here yet.</p>`;
  const newsPart = news.items.length
    ? html`<h2 class="nhsuk-heading-l" id="news">News</h2>
        ${news.items.map((i) => itemHtml(i, false))}
        <p class="nhsuk-body">
          <a href="${newsUrls(ctx.baseUrl, practice.slug).page}">All news from ${name}</a>
        </p>`
    : raw("");
  const body = html`${urgentHelpHtml()}
    <h1 class="nhsuk-heading-xl">${name}</h1>
    <p class="nhsuk-lede-text">For patients: how to contact us, how we use social media, and our news.</p>
    <h2 class="nhsuk-heading-l">Contact us</h2>
    ${contactHtml(practice.details)}
    <h2 class="nhsuk-heading-l" id="social-media">How we use social media</h2>
    ${policyPart} ${newsPart}`;
  return page({ title: `${name}: information for patients`, practiceName: name, body });
}

/** The practice page and the news of its website channel, for anyone, without signing in. */
export const practicePageRoutes: RouteModule = (app, ctx) => {
  app.get("/p/:slug", async (req, reply) => {
    const practice = await practiceOf(ctx, req.params);
    if (!practice) return notFound(reply);
    return reply
      .header("cache-control", "public, max-age=300")
      .type(HTML)
      .send(await renderPracticePage(ctx, practice));
  });

  app.get("/p/:slug/news", async (req, reply) => {
    const practice = await practiceOf(ctx, req.params);
    if (!practice) return notFound(reply);
    const feed = await loadNews(ctx.db, ctx.baseUrl, practice);
    return reply.header("cache-control", "public, max-age=300").type(HTML).send(renderNewsHtml(feed, false));
  });

  // Like the policy's embed: any website may frame it, so this route alone lifts the frame restrictions.
  app.get("/p/:slug/news/embed", async (req, reply) => {
    const practice = await practiceOf(ctx, req.params);
    reply.removeHeader("x-frame-options");
    reply.header(
      "content-security-policy",
      "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors *; base-uri 'none'; form-action 'none'",
    );
    if (!practice) return notFound(reply);
    const feed = await loadNews(ctx.db, ctx.baseUrl, practice);
    return reply.header("cache-control", "public, max-age=300").type(HTML).send(renderNewsHtml(feed, true));
  });

  app.get("/p/:slug/news.rss", async (req, reply) => {
    const practice = await practiceOf(ctx, req.params);
    if (!practice) return notFound(reply);
    const feed = await loadNews(ctx.db, ctx.baseUrl, practice);
    return reply
      .header("cache-control", "public, max-age=300")
      .type("application/rss+xml; charset=utf-8")
      .send(renderNewsRss(feed));
  });

  app.get("/p/:slug/news.json", async (req, reply) => {
    const practice = await practiceOf(ctx, req.params);
    reply.header("access-control-allow-origin", "*");
    if (!practice)
      return reply.status(404).send({ error: { code: "not-found", message: "There is no such practice." } });
    const feed = await loadNews(ctx.db, ctx.baseUrl, practice);
    return reply
      .header("cache-control", "public, max-age=300")
      .type("application/feed+json; charset=utf-8")
      .send(renderNewsJson(feed));
  });

  app.get("/p/:slug/news/images/:file", async (req, reply) => {
    const { slug, file } = imageParams.parse(req.params);
    const practice = SLUG.test(slug) ? await findPracticeBySlug(ctx.db, slug) : null;
    const image = practice ? await publishedNewsImage(ctx.db, practice.id, file) : null;
    if (!image) return notFound(reply);
    return reply
      .type(image.mimeType)
      .header("etag", `"${image.sha256}"`)
      .header("cache-control", "public, max-age=3600")
      .header("cross-origin-resource-policy", "cross-origin")
      .send(image.bytes);
  });
};
