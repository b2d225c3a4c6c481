import type { ChangeKind, VersionNumber } from "./types";

/** "1.0", "2.3". */
export const formatVersion = (v: VersionNumber): string => `${v.major}.${v.minor}`;

/** Parses "2.3"; null when it is not major.minor. */
export function parseVersion(text: string): VersionNumber | null {
  const m = /^(\d{1,4})\.(\d{1,4})$/.exec(text.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

export const compareVersions = (a: VersionNumber, b: VersionNumber): number =>
  a.major - b.major || a.minor - b.minor;

/** The number a new version gets: the first is always 1.0; a major change bumps major, a minor one bumps minor. */
export function nextVersion(latest: VersionNumber | null, kind: ChangeKind): VersionNumber {
  if (!latest) return { major: 1, minor: 0 };
  return kind === "major"
    ? { major: latest.major + 1, minor: 0 }
    : { major: latest.major, minor: latest.minor + 1 };
}
