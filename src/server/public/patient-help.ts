// What every public page tells a patient first (urgent help), the practice's own contact links from its
// Settings, and clause text with its web addresses and phone numbers made into links.
import { find } from "linkifyjs";
import type { PracticeDetails } from "../../core/policy/placeholders";
import { html, type Raw } from "./html";
import { webAddress } from "./news-render";

export const NHS_111_ONLINE = "https://111.nhs.uk/";

/** A phone number as a tel: address (digits, and a leading + for +44). */
export const telHref = (phone: string): string => `tel:${phone.trim().replace(/[^\d+]/g, "")}`;

/** The NHS "urgent" care card: 999 in an emergency, NHS 111 online or 111 otherwise. Shown before anything else. */
export function urgentHelpHtml(): Raw {
  return html`<div class="nhsuk-card nhsuk-card--care nhsuk-card--care--urgent" id="urgent-help">
    <div class="nhsuk-card__heading-container">
      <h2 class="nhsuk-card__heading">
        <span class="nhsuk-u-visually-hidden">Urgent advice: </span>If you need medical help now
      </h2>
      <span class="nhsuk-card--care__arrow" aria-hidden="true"></span>
    </div>
    <div class="nhsuk-card__content">
      <ul>
        <li>In an emergency, <a href="tel:999">call 999</a>.</li>
        <li>
          If you need help urgently and the practice is closed, use
          <a href="${NHS_111_ONLINE}">NHS 111 online</a> or <a href="tel:111">call 111</a>.
        </li>
      </ul>
      <p>Please do not use social media for appointments, prescriptions or medical questions.</p>
    </div>
  </div>`;
}

export interface ContactLink {
  label: string;
  href: string;
  text: string;
}

/** The practice's own ways to reach it, each from a Settings field; a field left empty is left out. */
export function contactLinks(d: PracticeDetails): ContactLink[] {
  const links: ContactLink[] = [];
  if (d.phone) links.push({ label: "Phone", href: telHref(d.phone), text: d.phone });
  const web = (label: string, value: string | undefined, text: string) => {
    const href = webAddress(value ?? null);
    if (href) links.push({ label, href, text });
  };
  web("Online consultation", d.onlineConsultationUrl, "Ask the practice for help online");
  web("Complaints", d.complaintsProcedureUrl, "How to make a complaint");
  web("NHS website", d.nhsWebsiteUrl, "Our page on the NHS website, where you can leave a review");
  web("Website", d.website, d.website?.replace(/^https?:\/\//, "").replace(/\/$/, "") ?? "");
  return links;
}

/** The contact links as a summary list (label, link), or a sentence when the practice has given none. */
export function contactHtml(d: PracticeDetails): Raw {
  const links = contactLinks(d);
  if (!links.length) return html`<p class="nhsuk-body">Contact the practice by phone or at reception.</p>`;
  return html`<dl class="nhsuk-summary-list" id="contact">
    ${links.map(
      (l) =>
        html`<div class="nhsuk-summary-list__row">
          <dt class="nhsuk-summary-list__key">${l.label}</dt>
          <dd class="nhsuk-summary-list__value"><a href="${l.href}">${l.text}</a></dd>
        </div>`,
    )}
  </dl>`;
}

interface Found {
  start: number;
  end: number;
  href: string;
}

// UK numbers as the Settings page accepts them (01234 567890, +44 1234 567890), and 111/999 after "call".
const PHONE = /(?:\+44\s?|\b0)\d{2,4}\s?\d{3,4}\s?\d{3,4}\b/g;
const SHORT = /\b(?:call|phone|ring|dial)\s+(111|999)\b/gi;
const NHS_111 = /\bNHS 111 online\b/g;

function linksIn(text: string, nhsPage: string | undefined): Found[] {
  const found: Found[] = [];
  for (const m of find(text, "url")) {
    // A bare "nhs.uk" means the NHS website: the practice's own page there when Settings gives it.
    const bare = /^https?:\/\//i.test(m.value) ? m.href : `https://${m.value}`;
    const href = webAddress(/^(www\.)?nhs\.uk\/?$/i.test(m.value) && nhsPage ? nhsPage : bare);
    if (href) found.push({ start: m.start, end: m.end, href });
  }
  for (const m of text.matchAll(PHONE))
    found.push({ start: m.index, end: m.index + m[0].length, href: telHref(m[0]) });
  for (const m of text.matchAll(SHORT)) {
    const start = m.index + m[0].length - 3;
    found.push({ start, end: start + 3, href: `tel:${m[1]}` });
  }
  for (const m of text.matchAll(NHS_111))
    found.push({ start: m.index, end: m.index + m[0].length, href: NHS_111_ONLINE });
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Found[] = [];
  for (const f of found) if (!kept.length || f.start >= kept[kept.length - 1]!.end) kept.push(f);
  return kept;
}

/**
 * Plain text, escaped, with web addresses, phone numbers, 111, 999 and NHS 111 online as links; "nhs.uk" links
 * to the practice's own page on the NHS website when `nhsPage` is given.
 */
export function linkedText(text: string, nhsPage?: string): Raw {
  const parts: (string | Raw)[] = [];
  let at = 0;
  for (const f of linksIn(text, nhsPage)) {
    parts.push(text.slice(at, f.start));
    parts.push(html`<a href="${f.href}">${text.slice(f.start, f.end)}</a>`);
    at = f.end;
  }
  parts.push(text.slice(at));
  return html`${parts}`;
}

/** Rules the public pages add to nhsuk-frontend's stylesheet: long addresses wrap instead of widening a phone's page. */
export const PUBLIC_CSS = `
.nhsuk-main-wrapper{overflow-wrap:break-word}
.nhsuk-main-wrapper a{overflow-wrap:anywhere}
`;
