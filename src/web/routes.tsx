// Every page of the web app. To add a page, add one line to the list it belongs to.
import { Navigate, type RouteObject } from "react-router-dom";
import { AccountLayout, PracticeLayout, PublicLayout, RequireRole, RequireSession } from "./layouts";
import AuditPage from "./pages/AuditPage";
import ForgotPasswordPage from "./pages/ForgotPasswordPage";
import HomePage from "./pages/HomePage";
import InviteMemberPage from "./pages/InviteMemberPage";
import InvitePage from "./pages/InvitePage";
import MemberPage from "./pages/MemberPage";
import NotFoundPage from "./pages/NotFoundPage";
import OutboxPage from "./pages/OutboxPage";
import BackgroundJobsPage from "./pages/BackgroundJobsPage";
import PracticesPage from "./pages/PracticesPage";
import ResetPasswordPage from "./pages/ResetPasswordPage";
import SettingsPage from "./pages/SettingsPage";
import SignInPage from "./pages/SignInPage";
import StaffPage from "./pages/StaffPage";
import CheckPage from "./pages/CheckPage";
import PolicyPage from "./pages/policy/PolicyPage";
import PolicyVersionPage from "./pages/policy/PolicyVersionPage";
import PolicyReadPage from "./pages/policy/PolicyReadPage";
import PolicyDiffPage from "./pages/policy/PolicyDiffPage";
import PolicyAcknowledgementsPage from "./pages/policy/PolicyAcknowledgementsPage";
import TwoStepPage from "./pages/two-factor/TwoStepPage";
import AccountTwoStepPage from "./pages/two-factor/AccountTwoStepPage";
import SignInSettingsPage from "./pages/two-factor/SignInSettingsPage";

/** Pages anyone can open, signed in or not. */
export const publicRoutes: RouteObject[] = [
  { path: "/sign-in", element: <SignInPage /> },
  { path: "/sign-in/two-step", element: <TwoStepPage /> },
  { path: "/forgot-password", element: <ForgotPasswordPage /> },
  { path: "/reset-password", element: <ResetPasswordPage /> },
  { path: "/invite", element: <InvitePage /> },
];

/** Pages inside one practice, under /practice/:practiceId/ (paths are relative). Any member may open them. */
export const practiceRoutes: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: "staff", element: <StaffPage /> },
  { path: "check", element: <CheckPage /> },
  { path: "policy", element: <PolicyPage /> },
  { path: "policy/read", element: <PolicyReadPage /> },
  { path: "policy/diff", element: <PolicyDiffPage /> },
  { path: "policy/versions/:versionId", element: <PolicyVersionPage /> },
];

/** Pages inside one practice for admins only. */
export const adminRoutes: RouteObject[] = [
  { path: "staff/invite", element: <InviteMemberPage /> },
  { path: "staff/:userId", element: <MemberPage /> },
  { path: "outbox", element: <OutboxPage /> },
  { path: "jobs", element: <BackgroundJobsPage /> },
  { path: "audit", element: <AuditPage /> },
  { path: "policy/acknowledgements", element: <PolicyAcknowledgementsPage /> },
  { path: "settings", element: <SettingsPage /> },
  { path: "sign-in-rules", element: <SignInSettingsPage /> },
];

export const routes: RouteObject[] = [
  { path: "/", element: <Navigate to="/practices" replace /> },
  { element: <PublicLayout />, children: publicRoutes },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AccountLayout />,
        children: [
          { path: "/practices", element: <PracticesPage /> },
          { path: "/account/two-step", element: <AccountTwoStepPage /> },
        ],
      },
      {
        path: "/practice/:practiceId",
        element: <PracticeLayout />,
        children: [
          ...practiceRoutes,
          { element: <RequireRole roles={["admin"]} />, children: adminRoutes },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
  { element: <PublicLayout />, children: [{ path: "*", element: <NotFoundPage /> }] },
];
