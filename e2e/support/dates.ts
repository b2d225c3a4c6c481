import type { Locator, Page } from "playwright-core";

/** Types an ISO day ("2027-11-21") into the NHS date input whose legend is `legend`, as a person would: 21, 11, 2027. */
export async function fillDate(scope: Page | Locator, legend: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split("-");
  const group = scope.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(String(Number(day)));
  await group.getByLabel("Month").fill(String(Number(month)));
  await group.getByLabel("Year").fill(year ?? "");
}

/** What the NHS date input whose legend is `legend` holds, as "day month year". */
export async function dateShown(scope: Page | Locator, legend: string): Promise<string> {
  const group = scope.getByRole("group", { name: legend });
  const parts = await Promise.all(["Day", "Month", "Year"].map((l) => group.getByLabel(l).inputValue()));
  return parts.join(" ");
}
