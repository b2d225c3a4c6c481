/** Escapes text for HTML element content and quoted attribute values. Everything user-written goes through this. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Tagged template: interpolated values are escaped unless wrapped with raw(). */
export class Raw {
  constructor(readonly html: string) {}
}
export const raw = (html: string): Raw => new Raw(html);

export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    const part = Array.isArray(v)
      ? v.map((x) => (x instanceof Raw ? x.html : escapeHtml(String(x)))).join("")
      : v instanceof Raw
        ? v.html
        : escapeHtml(String(v ?? ""));
    out += part + (strings[i + 1] ?? "");
  });
  return new Raw(out);
}

/** An NHS-styled page with no scripts; the stylesheet is served from our own origin (CSP forbids inline styles). */
export function page(o: {
  title: string;
  practiceName: string;
  body: Raw;
  embedded?: boolean;
  /** Extra elements for <head> (a feed's alternate links). */
  head?: Raw;
}): string {
  const header = o.embedded
    ? raw("")
    : html`<header class="nhsuk-header" role="banner">
        <div class="nhsuk-header__container nhsuk-width-container">
          <div class="nhsuk-header__service">
            <span class="nhsuk-header__service-name">${o.practiceName}</span>
          </div>
        </div>
      </header>`;
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title)}</title>
<link rel="stylesheet" href="/p/assets/nhsuk.css">${o.head ? `\n${o.head.html}` : ""}
</head>
<body class="${o.embedded ? "" : "nhsuk-frontend-supported"}">
${header.html}
<div class="nhsuk-width-container">
<main class="nhsuk-main-wrapper" id="maincontent" role="main">
${o.body.html}
</main>
</div>
</body>
</html>
`;
}
