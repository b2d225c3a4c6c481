// What every form on a case page shares: it sends one change and hands the case, as it now reads, back up.
import { useSubmit } from "../hooks";
import type { Incident } from "./incidents-api";

export type Changed = (next: Incident, what: string) => void;

/** A small form: runs `send`, reports the case as it now reads. */
export function useCaseForm(onChange: Changed) {
  const s = useSubmit();
  const run = (send: () => Promise<Incident>, what: string) =>
    void s.submit(async () => onChange(await send(), what));
  return { ...s, run };
}
