// Route layouts: public pages, signed-in pages, and pages inside one practice (with its navigation).
import { createContext, useContext } from "react";
import { Navigate, Outlet, useLocation, useParams } from "react-router-dom";
import type { Role } from "../core/roles";
import { api, type PracticeAction, type SessionPractice } from "./api";
import { Loading, Shell } from "./components/Shell";
import { useSession, useSignedIn } from "./session";
import { NotFoundContent } from "./pages/NotFoundPage";

/** The practice the current page belongs to, with the member's roles in it. */
export interface PracticeScope {
  practice: SessionPractice;
  roles: readonly Role[];
  /** True when the server said the member may take this practice action (never worked out here). */
  can: (action: PracticeAction) => boolean;
  /** Builds a path inside this practice: path("staff") → /practice/{id}/staff. */
  path: (rest?: string) => string;
}

const PracticeContext = createContext<PracticeScope | null>(null);

export function usePractice(): PracticeScope {
  const value = useContext(PracticeContext);
  if (!value) throw new Error("usePractice must be used inside a practice route");
  return value;
}

/** Signs out on the server, then locally; RequireSession then shows the sign-in page. */
function useSignOut(): () => void {
  const { signedOut } = useSession();
  return () => {
    api
      .signOut()
      .catch(() => undefined)
      .finally(() => signedOut(true));
  };
}

/** Pages anyone can open (sign in, invitations, password reset). */
export function PublicLayout() {
  const { state } = useSession();
  const user = state.status === "signed-in" ? state.session.user : undefined;
  return (
    <Shell header={{ homeHref: user ? "/practices" : "/sign-in", user }}>
      <Outlet />
    </Shell>
  );
}

/** Sends signed-out visitors to sign in, remembering where they were going. */
export function RequireSession() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === "loading")
    return (
      <Shell header={{ homeHref: "/" }}>
        <Loading />
      </Shell>
    );
  if (state.status === "signed-out") {
    if (state.byUser) return <Navigate to="/sign-in" replace state={{ signedOut: true }} />;
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

/** Signed-in pages outside any one practice (the practice switcher). */
export function AccountLayout() {
  const session = useSignedIn();
  const signOut = useSignOut();
  return (
    <Shell header={{ homeHref: "/practices", user: session.user, onSignOut: signOut }}>
      <Outlet />
    </Shell>
  );
}

/** Pages inside /practice/:practiceId: the header shows the practice and its navigation. */
export function PracticeLayout() {
  const session = useSignedIn();
  const signOut = useSignOut();
  const { practiceId } = useParams();
  const practice = session.practices.find((p) => p.id === practiceId);
  if (!practice) {
    return (
      <Shell header={{ homeHref: "/practices", user: session.user, onSignOut: signOut }}>
        <NotFoundContent />
      </Shell>
    );
  }
  const scope: PracticeScope = {
    practice,
    roles: practice.roles,
    can: (action) => practice.allowed.includes(action),
    path: (rest = "") => `/practice/${practice.id}${rest ? `/${rest}` : ""}`,
  };
  return (
    <PracticeContext.Provider value={scope}>
      <Shell
        header={{
          homeHref: scope.path(),
          user: session.user,
          practice: { id: practice.id, name: practice.name, allowed: practice.allowed },
          canSwitchPractice: session.practices.length > 1,
          onSignOut: signOut,
        }}
      >
        <Outlet />
      </Shell>
    </PracticeContext.Provider>
  );
}

/** Only members the server allows `action` see the child routes; others get a plain explanation. */
export function RequireAllowed({ action }: { action: PracticeAction }) {
  const { can } = usePractice();
  if (!can(action)) {
    return (
      <>
        <h1>Not available to your role</h1>
        <p>This page is not part of your role in this practice. Ask your practice manager if you need it.</p>
      </>
    );
  }
  return <Outlet />;
}
