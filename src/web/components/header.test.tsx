import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router-dom";
import { Header } from "./Header";

describe("the header", () => {
  it("shows safepost's own mark and name, never the NHS logo (reserved for NHS organisations)", () => {
    const html = renderToStaticMarkup(
      <MemoryRouter>
        <Header homeHref="/" />
      </MemoryRouter>,
    );
    assert.match(html, /class="sp-mark"/);
    assert.match(html, />safepost</);
    assert.doesNotMatch(html, /aria-label="NHS"|<title>NHS<\/title>|nhsuk-header__logo/);
  });

  it("the favicon is the same mark, not the NHS logo", () => {
    const svg = readFileSync(new URL("../public/favicon.svg", import.meta.url), "utf8");
    assert.match(svg, /M10 2h20a8 8 0 0 1 8 8v14/);
    assert.doesNotMatch(svg, /M104 34v40H4V34h100Z/);
  });
});
