import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app/context";
import { authRoutes } from "./auth";
import { practiceRoutes } from "./practices";
import { adminRoutes } from "./admin";
import { policyRoutes } from "./policies";
import { publicPolicyRoutes } from "../public/policy-page";
import { practicePageRoutes } from "../public/practice-page";
import { checkRoutes } from "./check";
import { jobRoutes } from "./jobs";
import { twoFactorRoutes } from "./two-factor";
import { waitingRoutes } from "./waiting";
import { onboardingRoutes } from "./onboarding";
import { nhsmailRoutes } from "./nhsmail";
import { openApiRoutes } from "./openapi";
import { postImageRoutes } from "./post-images";
import { postsArchiveRoutes } from "./posts-archive";
import { postRoutes } from "./posts";
import { channelRoutes } from "./channels";
import { channelConnectRoutes } from "./channel-connect";
import { inboxRoutes } from "./inbox";
import { accountRoutes } from "./account";
import { incidentRoutes } from "./incidents";
import { webhookRoutes } from "./webhooks";
import { myAccountsRoutes } from "./my-accounts";
import { oversightRoutes } from "./oversight";

export type RouteModule = (app: FastifyInstance, ctx: AppContext) => void;

/** Every API route module. Each capability adds its file here. */
export const routeModules: RouteModule[] = [
  authRoutes,
  practiceRoutes,
  adminRoutes,
  policyRoutes,
  publicPolicyRoutes,
  practicePageRoutes,
  checkRoutes,
  jobRoutes,
  twoFactorRoutes,
  waitingRoutes,
  onboardingRoutes,
  nhsmailRoutes,
  openApiRoutes,
  postImageRoutes,
  postsArchiveRoutes,
  postRoutes,
  channelRoutes,
  channelConnectRoutes,
  inboxRoutes,
  accountRoutes,
  incidentRoutes,
  webhookRoutes,
  myAccountsRoutes,
  oversightRoutes,
];
