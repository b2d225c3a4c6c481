import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { FastifyReply, FastifyRequest } from "fastify";
import { createRequire } from "node:module";
import type { AppContext } from "../../app/context";
import { z } from "zod";
import { SLUG } from "../../app/practices/create-practice";
import { publishedPolicyBySlug, type PublishedPolicy } from "../../app/policy/read-policy";
import { findPracticeBySlug } from "../../app/policy/policy-store";
import { practiceStamp } from "../../app/practices/change-stamp";
import type { Db } from "../../store/database";
import { longDate } from "../../exports/format";
import type { RenderedClause, RenderedSection } from "../../core/policy";
import type { RouteModule } from "../routes/index";
import { html, page, raw, type Raw } from "./html";
import { withoutRemoteFonts } from "./local-fonts";
import { linkedText, PUBLIC_CSS, urgentHelpHtml } from "./patient-help";

const slugParams = z.object({ slug: z.string().max(64) });

let cssCache: Buffer | undefined;
async function nhsukCss(): Promise<Buffer> {
  if (!cssCache) {
    const path = createRequire(import.meta.url).resolve("nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css");
    cssCache = Buffer.from(withoutRemoteFonts(await readFile(path, "utf8")) + PUBLIC_CSS);
  }
  return cssCache;
}

/**
 * The patient-facing clauses numbered as patients read them: 1.1, 1.2, 2.1… (the staff numbering skips the
 * clauses only staff see, which would read as gaps).
 */
export function numberedForPatients(sections: readonly RenderedSection[]): RenderedSection[] {
  return sections.map((s, i) => ({
    ...s,
    number: String(i + 1),
    clauses: s.clauses.map((c, j) => ({ ...c, number: `${i + 1}.${j + 1}` })),
  }));
}

function clauseHtml(c: RenderedClause, level: 3 | 4, nhsPage: string | undefined): Raw {
  const blocks = c.blocks.map((b) =>
    b.kind === "paragraph"
      ? html`<p class="nhsuk-body">${linkedText(b.text, nhsPage)}</p>`
      : html`<ul class="nhsuk-list nhsuk-list--bullet">
          ${b.items.map((i) => html`<li>${linkedText(i, nhsPage)}</li>`)}
        </ul>`,
  );
  const heading = raw(`h${level}`);
  return html`<section class="policy-clause" id="clause-${c.number}">
    <${heading} class="nhsuk-heading-s">${c.number} ${c.title}</${heading}>
    ${blocks}
  </section>`;
}

/** The sections and clauses (already numbered for patients), headings starting at `level`. */
export function sectionsHtml(
  sections: readonly RenderedSection[],
  level: 2 | 3,
  nhsPage: string | undefined,
): Raw {
  const heading = raw(`h${level}`);
  return html`${sections.map(
    (s) =>
      html`<${heading} class="nhsuk-heading-m">${s.title}</${heading}>
        ${s.clauses.map((c) => clauseHtml(c, level === 2 ? 3 : 4, nhsPage))}`,
  )}`;
}

function policyBody(p: PublishedPolicy, baseUrl: string, embedded: boolean): Raw {
  const pageUrl = `${baseUrl}/p/${p.practice.slug}/social-media-policy`;
  return html`${embedded ? raw("") : urgentHelpHtml()}
    <h1 class="nhsuk-heading-xl">
      ${embedded ? `${p.practice.name}: social media` : "How we use social media"}
    </h1>
    <p class="nhsuk-lede-text">
      What ${p.practice.name} posts on social media, and what we ask of you when you use our pages.
    </p>
    <p class="nhsuk-body-s" id="policy-version">
      Version ${p.version}, published ${longDate(p.publishedAt)}.
    </p>
    ${sectionsHtml(p.sections, 2, p.practice.details.nhsWebsiteUrl)}
    ${
      embedded
        ? html`<div class="nhsuk-inset-text">
              <p class="nhsuk-body">
                If you need medical help urgently, use NHS 111 online or call 111. In an emergency, call 999.
              </p>
            </div>
            <p class="nhsuk-body-s">
              <a href="${pageUrl}" target="_blank" rel="noopener">Open this page in a new window</a>
            </p>`
        : html`<p class="nhsuk-body-s">
            <a href="/p/${p.practice.slug}">More from ${p.practice.name} for patients</a>
          </p>`
    }`;
}

export const notFoundPage = (): string =>
  page({
    title: "Page not found",
    practiceName: "",
    body: html`<h1 class="nhsuk-heading-xl">Page not found</h1>
      <p class="nhsuk-body">
        This practice has not published a social media policy here. Check the address, or contact the
        practice.
      </p>`,
  });

interface Rendered {
  body: string;
  etag: string;
  type: string;
}

interface CachedPage {
  practiceId: string;
  /** The practice's change stamp and the day (hot topics start and end by date) it was rendered for. */
  seq: string;
  day: string;
  lastModified: string;
  pages: { html: Rendered; embed: Rendered; json: Rendered } | null;
}

const rendered = (body: string, type: string): Rendered => ({
  body,
  type,
  etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
});

function renderAll(p: PublishedPolicy, baseUrl: string): NonNullable<CachedPage["pages"]> {
  const title = `Social media policy: ${p.practice.name}`;
  const json = {
    practice: { name: p.practice.name, slug: p.practice.slug },
    version: p.version,
    publishedAt: p.publishedAt.toISOString(),
    url: `${baseUrl}/p/${p.practice.slug}/social-media-policy`,
    sections: p.sections.map((s) => ({
      number: s.number,
      title: s.title,
      clauses: s.clauses.map((c) => ({ number: c.number, title: c.title, text: c.text })),
    })),
  };
  const HTML = "text/html; charset=utf-8";
  return {
    html: rendered(page({ title, practiceName: p.practice.name, body: policyBody(p, baseUrl, false) }), HTML),
    embed: rendered(
      page({ title, practiceName: p.practice.name, body: policyBody(p, baseUrl, true), embedded: true }),
      HTML,
    ),
    json: rendered(JSON.stringify(json), "application/json; charset=utf-8"),
  };
}

/**
 * The public pages, rendered once per change of the practice (its change stamp: a publication, a settings
 * save) and per day, then served from memory. The stamp is asked of the database at most once a second.
 */
class PublicPageCache {
  private readonly bySlug = new Map<string, CachedPage>();
  constructor(private readonly ctx: AppContext) {}

  async get(slug: string): Promise<CachedPage | null> {
    if (!SLUG.test(slug)) return null;
    const day = this.ctx.now().toISOString().slice(0, 10);
    let entry = this.bySlug.get(slug);
    if (!entry) {
      const practice = await findPracticeBySlug(this.ctx.db, slug);
      if (!practice) return null;
      entry = { practiceId: practice.id, seq: "", day: "", lastModified: "", pages: null };
    }
    const stamp = await practiceStamp(this.ctx.db, entry.practiceId);
    if (entry.seq === stamp.seq && entry.day === day) return entry;
    const p = await publishedPolicyBySlug(this.ctx, slug, true);
    const fresh: CachedPage = {
      practiceId: entry.practiceId,
      seq: stamp.seq,
      day,
      lastModified: (stamp.at ?? p?.publishedAt ?? new Date()).toUTCString(),
      pages: p ? renderAll({ ...p, sections: numberedForPatients(p.sections) }, this.ctx.baseUrl) : null,
    };
    this.bySlug.set(slug, fresh);
    return fresh;
  }
}

const caches = new WeakMap<Db, PublicPageCache>();
const cacheFor = (ctx: AppContext): PublicPageCache => {
  let c = caches.get(ctx.db);
  if (!c) caches.set(ctx.db, (c = new PublicPageCache(ctx)));
  return c;
};

/** Sends a rendered page with its validators; 304 when the browser's copy is current. */
function sendRendered(req: FastifyRequest, reply: FastifyReply, entry: CachedPage, r: Rendered) {
  reply
    .header("etag", r.etag)
    .header("last-modified", entry.lastModified)
    .header("cache-control", "public, max-age=300");
  const inm = req.headers["if-none-match"];
  const fresh = inm
    ? inm.split(",").some((t) => t.trim().replace(/^W\//, "") === r.etag)
    : req.headers["if-modified-since"] === entry.lastModified;
  if (fresh) return reply.status(304).send();
  return reply.type(r.type).send(r.body);
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
    const entry = await cacheFor(ctx).get(slug);
    if (!entry?.pages) return reply.status(404).type("text/html; charset=utf-8").send(notFoundPage());
    return sendRendered(req, reply, entry, entry.pages.html);
  });

  // The embeddable copy: any website may frame it, so this route alone lifts the frame restrictions.
  app.get("/p/:slug/social-media-policy/embed", async (req, reply) => {
    const { slug } = slugParams.parse(req.params);
    const entry = await cacheFor(ctx).get(slug);
    reply.removeHeader("x-frame-options");
    reply.header(
      "content-security-policy",
      "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors *; base-uri 'none'; form-action 'none'",
    );
    if (!entry?.pages) return reply.status(404).type("text/html; charset=utf-8").send(notFoundPage());
    return sendRendered(req, reply, entry, entry.pages.embed);
  });

  app.get("/p/:slug/social-media-policy.json", async (req, reply) => {
    const { slug } = slugParams.parse(req.params);
    const entry = await cacheFor(ctx).get(slug);
    reply.header("access-control-allow-origin", "*");
    if (!entry?.pages)
      return reply.status(404).send({
        error: { code: "not-found", message: "This practice has not published a social media policy." },
      });
    return sendRendered(req, reply, entry, entry.pages.json);
  });
};

/** The snippet a practice pastes into its website. */
export function embedSnippet(baseUrl: string, slug: string, practiceName: string): string {
  const src = `${baseUrl}/p/${slug}/social-media-policy/embed`;
  const title = `${practiceName} social media policy`.replace(/[&<>"']/g, "");
  return `<iframe src="${src}" title="${title}" width="100%" height="900" style="border:0" loading="lazy"></iframe>`;
}
