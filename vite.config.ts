import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { withoutRemoteFonts } from "./src/server/public/local-fonts";

const API = "http://localhost:3000";

/**
 * nhsuk-frontend's compiled CSS loads the Frutiger font from assets.nhs.uk and its icons from /assets/images.
 * We serve everything ourselves (privacy, and the CSP allows only 'self'): drop the remote @font-face rules
 * (the NHS font stack falls back to Arial) and point the icons at the package's own files so Vite bundles them.
 */
function nhsukLocalAssets(): Plugin {
  return {
    name: "safepost-nhsuk-local-assets",
    enforce: "pre",
    transform(code, id) {
      if (!/nhsuk-frontend\/dist\/nhsuk\/nhsuk-frontend(\.min)?\.css/.test(id)) return null;
      const out = withoutRemoteFonts(code)
        .replace(/url\(\/assets\/images\//g, "url(./assets/images/")
        // Old-IE hacks ("@media screen\0") that Vite's CSS minifier rejects; they never match a modern browser.
        .replace(/@media screen\\0 and /g, "@media not all and ")
        .replace(/@media screen\\0 ?\{/g, "@media not all{");
      return { code: out, map: null };
    },
  };
}

export default defineConfig({
  root: "src/web",
  plugins: [react(), nhsukLocalAssets()],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    // Icons are small SVGs; keep them as files so the CSP (img-src 'self' data:) has nothing unusual to allow.
    assetsInlineLimit: 0,
    sourcemap: true,
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: {
      "/api": API,
      "/p": API,
      "/healthz": API,
    },
  },
});
