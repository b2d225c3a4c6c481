// The oversight dashboard's endpoints, typed for the web app from the contracts (src/contracts/oversight.ts).
import type { z } from "zod";
import type * as contracts from "../../contracts";
import { request } from "../api";

export type Oversight = z.infer<typeof contracts.oversightResponse>;

const base = (practiceId: string) => `/api/practices/${encodeURIComponent(practiceId)}/oversight`;

export const oversightApi = {
  get: (practiceId: string) => request<Oversight>("GET", base(practiceId)),
  setCheckerCounts: (practiceId: string, on: boolean) =>
    request<z.infer<typeof contracts.checkerCountsResponse>>("PUT", `${base(practiceId)}/checker-counts`, {
      on,
    }),
};
