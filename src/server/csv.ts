import { stringify } from "csv-stringify/sync";

/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with ' so it stays text. */
const guard = (v: unknown): string => {
  const s = v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
};

/** CSV with a header row, safe to open in Excel. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return stringify([header, ...rows.map((r) => r.map(guard))]);
}
