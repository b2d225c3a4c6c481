import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import {
  itemTitle,
  renderNewsHtml,
  renderNewsJson,
  renderNewsRss,
  type NewsFeed,
} from "../../src/server/public/news-render";

const HOSTILE = `Flu clinic <script>alert("x")</script> & more ]]> here \u0001\u000B
Second line with a link https://example.org/a?b=1&c=<2> and "quotes" 'too'

New paragraph`;

const feed: NewsFeed = {
  baseUrl: "https://safepost.example",
  practice: { name: `Oak & Ash <b>"Surgery"</b>`, slug: "oak-ash" },
  items: [
    {
      id: "11111111-1111-4111-8111-111111111111",
      text: HOSTILE,
      link: "javascript:alert(1)",
      publishedAt: new Date("2026-12-01T09:30:00Z"),
      images: [
        {
          url: "https://safepost.example/p/oak-ash/news/images/22222222-2222-4222-8222-222222222222.jpg",
          altText: `A nurse's room "before" <img src=x onerror=alert(1)>`,
          mimeType: "image/jpeg",
          size: 12345,
          width: 800,
          height: 600,
        },
      ],
    },
    {
      id: "33333333-3333-4333-8333-333333333333",
      text: "Our phone lines are open again from 8am.",
      link: "https://www.nhs.uk/nhs-app/",
      publishedAt: new Date("2026-11-20T12:00:00Z"),
      images: [],
    },
  ],
};

describe("the practice news feeds", () => {
  it("RSS 2.0 parses with a real XML parser and carries each post, its image and its link", () => {
    const xml = renderNewsRss(feed);
    assert.equal(XMLValidator.validate(xml), true, "well-formed XML");
    const doc = new XMLParser({ ignoreAttributes: false, cdataPropName: "#cdata" }).parse(xml);
    assert.equal(doc.rss["@_version"], "2.0");
    const channel = doc.rss.channel;
    assert.equal(channel.title, `Oak & Ash <b>"Surgery"</b>: news`);
    assert.equal(channel.link, "https://safepost.example/p/oak-ash/news");
    assert.equal(channel.language, "en-GB");
    const items = [channel.item].flat();
    assert.equal(items.length, 2);
    const [first, second] = items;
    assert.equal(first.guid["#text"], feed.items[0]!.id);
    assert.equal(first.link, `https://safepost.example/p/oak-ash/news#post-${feed.items[0]!.id}`);
    assert.equal(first.pubDate, "Tue, 01 Dec 2026 09:30:00 GMT");
    assert.equal(first.enclosure["@_type"], "image/jpeg");
    assert.equal(first.enclosure["@_length"], "12345");
    assert.equal(first.enclosure["@_url"], feed.items[0]!.images[0]!.url);
    const description = [first.description["#cdata"]].flat().join("");
    assert.ok(description.includes("&#60;script&#62;"), "the post's markup arrives as text, escaped");
    assert.ok(!description.includes("<script"), "no script element reaches the reader");
    assert.ok(!description.includes("javascript:"), "a javascript: link is never printed");
    assert.ok(!description.includes("onerror=alert(1)>"), "alt text cannot close its attribute");
    assert.ok(!xml.includes("\u0001") && !xml.includes("\u000B"), "characters XML forbids are dropped");
    assert.ok(second.description["#cdata"].includes('href="https://www.nhs.uk/nhs-app/"'));
  });

  it("JSON Feed 1.1 has the fields the specification asks for", () => {
    const doc = JSON.parse(renderNewsJson(feed));
    assert.equal(doc.version, "https://jsonfeed.org/version/1.1");
    assert.equal(doc.title, `Oak & Ash <b>"Surgery"</b>: news`);
    assert.equal(doc.home_page_url, "https://safepost.example/p/oak-ash/news");
    assert.equal(doc.feed_url, "https://safepost.example/p/oak-ash/news.json");
    assert.equal(doc.language, "en-GB");
    assert.equal(doc.author, undefined, "1.1 uses authors, not author");
    assert.deepEqual(doc.authors, [
      { name: `Oak & Ash <b>"Surgery"</b>`, url: "https://safepost.example/p/oak-ash/news" },
    ]);
    assert.equal(doc.items.length, 2);
    for (const item of doc.items) {
      assert.equal(typeof item.id, "string");
      assert.ok(item.content_html || item.content_text, "each item has content");
      assert.ok(!Number.isNaN(Date.parse(item.date_published)), "RFC 3339 date");
      assert.match(item.url, /^https:\/\/safepost\.example\/p\/oak-ash\/news#post-/);
    }
    const [first] = doc.items;
    assert.equal(first.date_published, "2026-12-01T09:30:00.000Z");
    assert.equal(first.content_text.includes("<script>"), true, "the plain text is the text as written");
    assert.ok(!first.content_html.includes("<script"), "the HTML has it escaped");
    assert.equal(first.image, feed.items[0]!.images[0]!.url);
    assert.deepEqual(first.attachments, [
      {
        url: feed.items[0]!.images[0]!.url,
        mime_type: "image/jpeg",
        size_in_bytes: 12345,
        title: `A nurse's room "before" <img src=x onerror=alert(1)>`,
      },
    ]);
  });

  it("the HTML page escapes everything a post says and links only web addresses", () => {
    const page = renderNewsHtml(feed, false);
    assert.ok(!page.includes("<script"), "no script at all");
    assert.ok(page.includes("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;"));
    assert.ok(!page.includes("javascript:"));
    assert.ok(!page.includes("<b>"), "the practice name's markup is escaped too");
    assert.match(page, /alt="A nurse&#39;s room &#34;before&#34; &#60;img src=x onerror=alert\(1\)&#62;"/);
    assert.match(
      page,
      /<a href="https:\/\/example\.org\/a\?b=1&amp;c=" rel="nofollow">|<a href="https:\/\/example\.org\/a\?b=1&#38;c=/,
    );
    assert.match(page, /<time datetime="2026-12-01T09:30:00.000Z">1 December 2026<\/time>/);
    assert.match(
      page,
      /type="application\/rss\+xml"[^>]*href="https:\/\/safepost\.example\/p\/oak-ash\/news\.rss"/,
    );
    assert.equal((page.match(/<p class="nhsuk-body">/g) ?? []).length >= 3, true, "paragraphs kept");
  });

  it("the embeddable list opens links in a new window and has no page header", () => {
    const embed = renderNewsHtml(feed, true);
    assert.ok(!embed.includes("nhsuk-header"));
    assert.match(
      embed,
      /<a href="https:\/\/www\.nhs\.uk\/nhs-app\/" target="_blank" rel="noopener nofollow">/,
    );
    assert.ok(embed.includes('target="_blank" rel="noopener">All news from'));
  });

  it("a feed title is the first line, cut at a word", () => {
    assert.equal(itemTitle("Short news\nmore"), "Short news");
    const long = "word ".repeat(40);
    const t = itemTitle(long);
    assert.ok(t.length <= 91 && t.endsWith("…") && !t.includes("wor…"), t);
  });
});
