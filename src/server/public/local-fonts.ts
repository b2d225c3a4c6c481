/**
 * nhsuk-frontend's compiled CSS loads the Frutiger font from assets.nhs.uk. safepost makes no request off
 * the practice's machine (privacy, and the CSP allows fonts only from itself): drop those @font-face rules;
 * the NHS font stack falls back to Arial. Used for the web app's bundle (vite.config.ts) and the public page.
 */
export function withoutRemoteFonts(css: string): string {
  return css.replace(/@font-face\s*\{[^}]*https?:\/\/[^}]*\}/g, "");
}
