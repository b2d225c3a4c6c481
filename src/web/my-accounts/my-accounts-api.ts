// My accounts' endpoints, typed for the web app from the contracts (src/contracts/my-accounts.ts).
import type { z } from "zod";
import type * as contracts from "../../contracts";
import { request } from "../api";

export type MyAccountsCheck = z.infer<typeof contracts.myAccountsResponse>;
export type CheckPlatform = MyAccountsCheck["platforms"][number];
export type ItemAnswer = z.infer<typeof contracts.itemAnswer>;
export type MyAccountsSummary = z.infer<typeof contracts.myAccountsSummaryResponse>;
export type PlatformList = z.infer<typeof contracts.myAccountsPlatformListResponse>;

const base = (practiceId: string) => `/api/practices/${encodeURIComponent(practiceId)}/my-accounts`;

export const myAccountsApi = {
  get: (practiceId: string) => request<MyAccountsCheck>("GET", base(practiceId)),
  save: (practiceId: string, platform: string, body: z.input<typeof contracts.platformAnswersRequest>) =>
    request<MyAccountsCheck>("PUT", `${base(practiceId)}/answers/${encodeURIComponent(platform)}`, body),
  share: (practiceId: string, share: boolean) =>
    request<MyAccountsCheck>("PUT", `${base(practiceId)}/sharing`, { share }),
  summary: (practiceId: string) => request<MyAccountsSummary>("GET", `${base(practiceId)}/summary`),
  platforms: (practiceId: string) => request<PlatformList>("GET", `${base(practiceId)}/platforms`),
  addPlatform: (practiceId: string, name: string) =>
    request<PlatformList>("POST", `${base(practiceId)}/platforms`, { name }),
  removePlatform: (practiceId: string, key: string) =>
    request<PlatformList>("DELETE", `${base(practiceId)}/platforms/${encodeURIComponent(key)}`),
};
