// Every page of the web app. To add a page, add one line to the list it belongs to.
import { Navigate, type RouteObject } from "react-router-dom";
import { AccountLayout, PracticeLayout, PublicLayout, RequireAllowed, RequireSession } from "./layouts";
import type { PracticeAction } from "./api";
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
import AccountEmailsPage from "./pages/AccountEmailsPage";
import SignInSettingsPage from "./pages/two-factor/SignInSettingsPage";
import CalendarPage from "./posts/CalendarPage";
import ComposePage from "./posts/ComposePage";
import PostPage from "./posts/PostPage";
import ArchivePage from "./posts/ArchivePage";
import ChannelsPage from "./posts/ChannelsPage";
import IncidentsPage from "./incidents/IncidentsPage";
import IncidentPage from "./incidents/IncidentPage";
import ReportConcernPage from "./incidents/ReportConcernPage";
import OversightPage from "./oversight/OversightPage";
import InboxPage from "./inbox/InboxPage";
import ConversationPage from "./inbox/ConversationPage";
import ReplyTemplatesPage from "./inbox/ReplyTemplatesPage";
import MyAccountsPage from "./my-accounts/MyAccountsPage";
import MyAccountsSummaryPage from "./my-accounts/MyAccountsSummaryPage";

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
  // Practice posts: each API answers 403 with a sentence for roles that may not use it.
  { path: "posts", element: <CalendarPage /> },
  { path: "posts/new", element: <ComposePage /> },
  { path: "posts/archive", element: <ArchivePage /> },
  { path: "posts/:postId", element: <PostPage /> },
  { path: "posts/:postId/edit", element: <ComposePage /> },
  { path: "channels", element: <ChannelsPage /> },
  // Incidents: any member reports a concern; a case answers 404 to whoever may not see it.
  { path: "incidents", element: <IncidentsPage /> },
  { path: "incidents/report", element: <ReportConcernPage /> },
  { path: "incidents/:incidentId", element: <IncidentPage /> },
  // My accounts: each member's own check; nobody else reads its answers.
  { path: "my-accounts", element: <MyAccountsPage /> },
];

/** A page shown only to members the server allows `action` (others get a plain explanation). */
const allowedTo = (action: PracticeAction, route: RouteObject): RouteObject => ({
  element: <RequireAllowed action={action} />,
  children: [route],
});

/** Pages inside one practice for some roles only, each behind the practice action it needs. */
export const adminRoutes: RouteObject[] = [
  allowedTo("manage-invites", { path: "staff/invite", element: <InviteMemberPage /> }),
  allowedTo("manage-staff", { path: "staff/:userId", element: <MemberPage /> }),
  allowedTo("view-outbox", { path: "outbox", element: <OutboxPage /> }),
  allowedTo("manage-jobs", { path: "jobs", element: <BackgroundJobsPage /> }),
  allowedTo("view-audit", { path: "audit", element: <AuditPage /> }),
  allowedTo("view-oversight", { path: "oversight", element: <OversightPage /> }),
  allowedTo("view-inbox", { path: "inbox", element: <InboxPage /> }),
  allowedTo("view-inbox", { path: "inbox/templates", element: <ReplyTemplatesPage /> }),
  allowedTo("view-inbox", { path: "inbox/:conversationId", element: <ConversationPage /> }),
  // The acknowledgement report is a policy action: its API answers 403 with a sentence for others.
  { path: "policy/acknowledgements", element: <PolicyAcknowledgementsPage /> },
  allowedTo("view-my-accounts-summary", { path: "my-accounts/summary", element: <MyAccountsSummaryPage /> }),
  allowedTo("edit-settings", { path: "settings", element: <SettingsPage /> }),
  allowedTo("edit-settings", { path: "sign-in-rules", element: <SignInSettingsPage /> }),
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
          { path: "/account/emails", element: <AccountEmailsPage /> },
        ],
      },
      {
        path: "/practice/:practiceId",
        element: <PracticeLayout />,
        children: [...practiceRoutes, ...adminRoutes, { path: "*", element: <NotFoundPage /> }],
      },
    ],
  },
  { element: <PublicLayout />, children: [{ path: "*", element: <NotFoundPage /> }] },
];
