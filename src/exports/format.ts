/** "21 November 2026" from an ISO date or timestamp (UTC, so the same everywhere). */
export function longDate(iso: string | Date): string {
  const d = typeof iso === "string" ? new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso) : iso;
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

/** "21 November 2026, 10:00" (UTC). */
export function longDateTime(iso: string): string {
  const d = new Date(iso);
  return `${longDate(d)}, ${d.toISOString().slice(11, 16)} UTC`;
}

/** A file name for the practice's policy: riverside-social-media-policy-1.0.pdf */
export const policyFileName = (slug: string, version: string, ext: string, suffix = ""): string =>
  `${slug}-social-media-policy-${version}${suffix}.${ext}`;
