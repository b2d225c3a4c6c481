import { formatUkDate, formatUkDateTime } from "../core/dates";

/** "21 November 2026" from an ISO day, timestamp or Date, on the UK calendar (Europe/London). */
export function longDate(iso: string | Date): string {
  return formatUkDate(iso);
}

/** "21 November 2026, 10:00 (UK time)": the clock a practice reads, GMT in winter and BST in summer. */
export function longDateTime(iso: string | Date): string {
  return `${formatUkDateTime(iso)} (UK time)`;
}

/** A file name for the practice's policy: riverside-social-media-policy-1.0.pdf */
export const policyFileName = (slug: string, version: string, ext: string, suffix = ""): string =>
  `${slug}-social-media-policy-${version}${suffix}.${ext}`;
