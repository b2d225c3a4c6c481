import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AppContext } from "../../app/context";
import { z } from "zod";
import { SLUG } from "../../app/practices/create-practice";
import { publishedPolicyBySlug, type PublishedPolicy } from "../../app/policy/read-policy";
import { longDate } from "../../exports/format";
import type { RenderedClause } from "../../core/policy";
import type { RouteModule } from "../routes/index";
import { html, page, raw, type Raw } from "./html";
import { withoutRemoteFonts } from "./local-fonts";

const slugParams = z.object({ slug: z.string().max(64) });

let cssCache: Buffer | undefined;
async function nhsukCss(): Promise<Buffer> {
  if (!cssCache) {
    const path = createRequire(import.meta.url).resolve("nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css");
    cssCache = Buffer.from(withoutRemoteFonts(await readFile(path, "utf8")));
  }
  return cssCache;
}

function clauseHtml(c: RenderedClause): Raw {
  const blocks = c.blocks.map((b) =>
    b.kind === "paragraph"
      ? html`<p class="nhsuk-body">${b.text}</p>`
      : html`<ul class="nhsuk-list nhsuk-list--bullet">
          ${b.items.map((i) => html`<li>${i}</li>`)}
        </ul>`,
  );
  return html`<section class="policy-clause" id="clause-${c.number}">
    <h3 class="nhsuk-heading-s">${c.number} ${c.title}</h3>
    ${blocks}
  </section>`;
}

function policyBody(p: PublishedPolicy, baseUrl: string, embedded: boolean): Raw {
  const sections = p.sections.map(
    (s) =>
      html`<h2 class="nhsuk-heading-m">${s.title}</h2>
        ${s.clauses.map(clauseHtml)}`,
  );
  const pageUrl = `${baseUrl}/p/${p.practice.slug}/social-media-policy`;
  return html`<h1 class="nhsuk-heading-xl">
      ${embedded ? `${p.practice.name}: social media` : "How we use social media"}
    </h1>
    <p class="nhsuk-lede-text">
      What ${p.practice.name} posts on social media, and what we ask of you when you use our pages.
    </p>
    <p class="nhsuk-body-s" id="policy-version">
      Version ${p.version}, published ${longDate(p.publishedAt)}.
    </p>
    ${sections}
    <div class="nhsuk-inset-text">
      <p class="nhsuk-body">
        If you need medical help urgently, use NHS 111 online or call 111. In an emergency, call 999.
      </p>
    </div>
    ${embedded ? html`<p class="nhsuk-body-s"><a href="${pageUrl}" target="_blank" rel="noopener">Open this page in a new window</a></p>` : raw("")}`;
}

const notFoundPage = (): string =>
  page({
    title: "Page not found",
    practiceName: "",
    body: html`<h1 class="nhsuk-heading-xl">Page not found</h1>
      <p class="nhsuk-body">
        This practice has not published a social media policy here. Check the address, or contact the
        practice.
      </p>`,
  });

async function load(slug: string, ctx: AppContext): Promise<PublishedPolicy | null> {
  return SLUG.test(slug) ? publishedPolicyBySlug(ctx, slug, true) : null;
}

/** The patient-facing policy: server-rendered HTML (no login, no JavaScript), an embeddable copy, and JSON for practice websites. */
export const publicPolicyRoutes: RouteModule = (app, ctx) => {
  app.get("/p/assets/nhsuk.css", async (_req, reply) => {
    return reply
      .type("text/css; charset=utf-8")
      .header("cache-control", "public, max-age=86400")
      .send(await nhsukCss());
  });

  app.get("/p/:slug/social-media-policy", async (req, reply) => {
    const { slug } = slugParams.parse(req.params);
    const p = await load(slug, ctx);
    if (!p) return reply.status(404).type("text/html; charset=utf-8").send(notFoundPage());
    return reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "public, max-age=300")
      .send(
        page({
          title: `Social media policy: ${p.practice.name}`,
          practiceName: p.practice.name,
          body: policyBody(p, ctx.baseUrl, false),
        }),
      );
  });

  // The embeddable copy: any website may frame it, so this route alone lifts the frame restrictions.
  app.get("/p/:slug/social-media-policy/embed", async (req, reply) => {
    const { slug } = slugParams.parse(req.params);
    const p = await load(slug, ctx);
    reply.removeHeader("x-frame-options");
    reply.header(
      "content-security-policy",
      "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors *; base-uri 'none'; form-action 'none'",
    );
    if (!p) return reply.status(404).type("text/html; charset=utf-8").send(notFoundPage());
    return reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "public, max-age=300")
      .send(
        page({
          title: `Social media policy: ${p.practice.name}`,
          practiceName: p.practice.name,
          body: policyBody(p, ctx.baseUrl, true),
          embedded: true,
        }),
      );
  });

  app.get("/p/:slug/social-media-policy.json", async (req, reply) => {
    const { slug } = slugParams.parse(req.params);
    const p = await load(slug, ctx);
    reply.header("access-control-allow-origin", "*");
    if (!p)
      return reply.status(404).send({
        error: { code: "not-found", message: "This practice has not published a social media policy." },
      });
    return {
      practice: { name: p.practice.name, slug: p.practice.slug },
      version: p.version,
      publishedAt: p.publishedAt.toISOString(),
      url: `${ctx.baseUrl}/p/${p.practice.slug}/social-media-policy`,
      sections: p.sections.map((s) => ({
        number: s.number,
        title: s.title,
        clauses: s.clauses.map((c) => ({ number: c.number, title: c.title, text: c.text })),
      })),
    };
  });
};

/** The snippet a practice pastes into its website. */
export function embedSnippet(baseUrl: string, slug: string, practiceName: string): string {
  const src = `${baseUrl}/p/${slug}/social-media-policy/embed`;
  const title = `${practiceName} social media policy`.replace(/[&<>"']/g, "");
  return `<iframe src="${src}" title="${title}" width="100%" height="900" style="border:0" loading="lazy"></iframe>`;
}
