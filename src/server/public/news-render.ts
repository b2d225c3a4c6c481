import { Feed, type Item } from "feed";
import { find } from "linkifyjs";
import { formatUkDate } from "../../core/dates";
import type { NewsFeed, NewsItem } from "../../app/posts/news-types";
import { html, page, raw, type Raw } from "./html";

export type { NewsFeed, NewsImage, NewsItem } from "../../app/posts/news-types";

// Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/U+FFFF): a feed holding
// one is refused whole by readers, so they are dropped from everything the feeds and pages print.
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const printable = (s: string): string => s.replace(NOT_XML, "");

/** Only web addresses are ever made into links (never javascript:, data: or anything else). */
export function webAddress(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}

export const newsUrls = (baseUrl: string, slug: string) => {
  const page = `${baseUrl}/p/${slug}/news`;
  return { page, rss: `${page}.rss`, json: `${page}.json`, embed: `${page}/embed` };
};

const itemUrl = (feed: NewsFeed, item: NewsItem): string =>
  `${newsUrls(feed.baseUrl, feed.practice.slug).page}#post-${item.id}`;

/** A title for feed readers, which list posts by title: the post's first line, cut at a word near 90 characters. */
export function itemTitle(text: string): string {
  const first = printable(text).trim().split(/\n/)[0]?.trim() ?? "";
  if (first.length <= 90) return first || "News";
  const cut = first.slice(0, 90);
  const atWord = cut.lastIndexOf(" ");
  return `${(atWord > 40 ? cut.slice(0, atWord) : cut).trimEnd()}…`;
}

/** A link out of the page: never followed for ranking; from the embed, opened in a window of its own. */
const anchor = (href: string, text: string, newWindow: boolean): Raw =>
  newWindow
    ? html`<a href="${href}" target="_blank" rel="noopener nofollow">${text}</a>`
    : html`<a href="${href}" rel="nofollow">${text}</a>`;

/** One line of a post, with its web addresses made into links (opened away from the embedding page). */
function lineHtml(line: string, newWindow: boolean): Raw {
  const parts: (string | Raw)[] = [];
  let at = 0;
  for (const m of find(line, "url")) {
    const href = webAddress(m.href);
    if (!href) continue;
    parts.push(line.slice(at, m.start));
    parts.push(anchor(href, m.value, newWindow));
    at = m.end;
  }
  parts.push(line.slice(at));
  return html`${parts}`;
}

/** A post's text as paragraphs (a blank line between them) and line breaks, every character escaped. */
export function textHtml(text: string, newWindow = false): Raw {
  const paragraphs = printable(text)
    .trim()
    .split(/\n\s*\n/)
    .map((p) => p.split("\n").map((l) => lineHtml(l, newWindow)));
  return html`${paragraphs.map(
    (lines) => html`<p class="nhsuk-body">${lines.map((l, i) => (i === 0 ? l : html`<br />${l}`))}</p>`,
  )}`;
}

function imagesHtml(item: NewsItem): Raw {
  return html`${item.images.map(
    (img) =>
      html`<figure class="nhsuk-image">
        <img
          class="nhsuk-image__img"
          src="${img.url}"
          alt="${printable(img.altText)}"
          width="${img.width}"
          height="${img.height}"
          loading="lazy"
        />
      </figure>`,
  )}`;
}

/** One post as a card: its date, text, images and link. */
export function itemHtml(item: NewsItem, embedded: boolean): Raw {
  const link = webAddress(item.link);
  return html`<article class="nhsuk-card" id="post-${item.id}">
    <div class="nhsuk-card__content">
      <p class="nhsuk-body-s nhsuk-u-secondary-text-colour">
        <time datetime="${item.publishedAt.toISOString()}">${formatUkDate(item.publishedAt)}</time>
      </p>
      ${textHtml(item.text, embedded)} ${imagesHtml(item)}
      ${link ? html`<p class="nhsuk-body">${anchor(link, new URL(link).host, embedded)}</p>` : raw("")}
    </div>
  </article>`;
}

/** The news page (or its embeddable copy): server-rendered, no script, in the NHS style of the public pages. */
export function renderNewsHtml(feed: NewsFeed, embedded: boolean): string {
  const urls = newsUrls(feed.baseUrl, feed.practice.slug);
  const name = printable(feed.practice.name);
  const body = html`<h1 class="nhsuk-heading-xl">${embedded ? `News from ${name}` : "News"}</h1>
    ${embedded ? raw("") : html`<p class="nhsuk-lede-text">The latest news from ${name}.</p>`}
    ${
      feed.items.length
        ? feed.items.map((i) => itemHtml(i, embedded))
        : html`<p class="nhsuk-body">There is no news from the practice yet.</p>`
    }
    <div class="nhsuk-inset-text">
      <p class="nhsuk-body">
        Please do not use social media or this page for appointments, prescriptions or medical questions:
        contact the practice. If you need medical help urgently, use NHS 111 online or call 111. In an
        emergency, call 999.
      </p>
    </div>
    <p class="nhsuk-body-s">
      ${
        embedded
          ? html`<a href="${urls.page}" target="_blank" rel="noopener">All news from ${name}</a>`
          : html`Follow this news in a feed reader: <a href="${urls.rss}">RSS</a> or
              <a href="${urls.json}">JSON Feed</a>.`
      }
    </p>`;
  return page({
    title: `News: ${name}`,
    practiceName: name,
    body,
    embedded,
    head: html`<link rel="alternate" type="application/rss+xml" title="${name} news" href="${urls.rss}" />
      <link rel="alternate" type="application/feed+json" title="${name} news" href="${urls.json}" />`,
  });
}

/** The HTML a feed reader shows for a post: the text, its images with alt text, the link. */
function itemContentHtml(item: NewsItem): string {
  const link = webAddress(item.link);
  return html`${textHtml(item.text)}${item.images.map(
    (img) => html`<p><img src="${img.url}" alt="${printable(img.altText)}" /></p>`,
  )}${link ? html`<p><a href="${link}">${link}</a></p>` : raw("")}`.html;
}

function buildFeed(feed: NewsFeed): Feed {
  const urls = newsUrls(feed.baseUrl, feed.practice.slug);
  const name = printable(feed.practice.name);
  const f = new Feed({
    id: urls.page,
    title: `${name}: news`,
    description: `News from ${name}.`,
    link: urls.page,
    language: "en-GB",
    feedLinks: { rss: urls.rss, json: urls.json },
    author: { name, link: urls.page },
    copyright: name,
    generator: false,
    ...(feed.items[0] ? { updated: feed.items[0].publishedAt } : { updated: new Date(0) }),
  });
  for (const item of feed.items) {
    const first = item.images[0];
    const entry: Item = {
      id: item.id,
      title: itemTitle(item.text),
      link: itemUrl(feed, item),
      date: item.publishedAt,
      published: item.publishedAt,
      description: itemContentHtml(item),
      ...(first ? { enclosure: { url: first.url, type: first.mimeType, length: first.size } } : {}),
    };
    f.addItem(entry);
  }
  return f;
}

/** RSS 2.0. */
export function renderNewsRss(feed: NewsFeed): string {
  return buildFeed(feed).rss2();
}

/**
 * JSON Feed 1.1: the feed library writes version 1, which 1.1 extends; this names 1.1 and adds what 1.1
 * has beyond it (authors in place of author, language, the plain text beside the HTML, every image).
 */
export function renderNewsJson(feed: NewsFeed): string {
  const doc = JSON.parse(buildFeed(feed).json1()) as Record<string, unknown> & {
    author?: unknown;
    items: Record<string, unknown>[];
  };
  const { author, ...rest } = doc;
  const byId = new Map(feed.items.map((i) => [i.id, i]));
  return JSON.stringify({
    ...rest,
    version: "https://jsonfeed.org/version/1.1",
    language: "en-GB",
    authors: author ? [author] : [],
    items: doc.items.map((entry) => {
      const item = byId.get(String(entry.id))!;
      return {
        ...entry,
        content_text: printable(item.text),
        ...(item.images[0] ? { image: item.images[0].url } : {}),
        ...(item.images.length
          ? {
              attachments: item.images.map((img) => ({
                url: img.url,
                mime_type: img.mimeType,
                size_in_bytes: img.size,
                title: printable(img.altText),
              })),
            }
          : {}),
      };
    }),
  });
}
