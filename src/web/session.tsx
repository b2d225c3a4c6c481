// The signed-in session, shared by every page. A 401 from any API call signs the app out.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { ApiError, api, setCsrfToken, type Session } from "./api";

type SessionState =
  | { status: "loading" }
  /** byUser: the person chose to sign out (rather than the session ending or never existing). */
  | { status: "signed-out"; byUser?: boolean }
  | { status: "signed-in"; session: Session };

interface SessionContextValue {
  state: SessionState;
  /** Store a session payload the API just returned (sign-in, accepting an invite). */
  signedIn(session: Session): void;
  /** Forget the session locally (after sign-out, or when the server says it ended). */
  signedOut(byUser?: boolean): void;
  /** Ask the server again (after changing one's own roles, for instance). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Fired by pages when an API call answers 401: the session ended on the server. */
export const SESSION_ENDED_EVENT = "safepost:session-ended";

export function notifyIfSessionEnded(err: unknown): void {
  // A 401 from signing in or accepting an invitation means wrong details, not an ended session.
  if (err instanceof ApiError && err.code === "not-signed-in" && !/^\/api\/(auth|invites)\//.test(err.path))
    window.dispatchEvent(new Event(SESSION_ENDED_EVENT));
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });

  const signedIn = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setState({ status: "signed-in", session });
  }, []);
  const signedOut = useCallback((byUser = false) => {
    setCsrfToken(null);
    setState({ status: "signed-out", byUser });
  }, []);
  const refresh = useCallback(async () => {
    try {
      signedIn(await api.session());
    } catch (err) {
      if (err instanceof ApiError && err.code === "not-signed-in") signedOut();
      else throw err;
    }
  }, [signedIn, signedOut]);

  useEffect(() => {
    refresh().catch(() => setState({ status: "signed-out" }));
    const onEnded = () => signedOut(false);
    window.addEventListener(SESSION_ENDED_EVENT, onEnded);
    return () => window.removeEventListener(SESSION_ENDED_EVENT, onEnded);
  }, [refresh, signedOut]);

  const value = useMemo(
    () => ({ state, signedIn, signedOut, refresh }),
    [state, signedIn, signedOut, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession must be used inside <SessionProvider>");
  return value;
}

/** The current session; only for components rendered under <RequireSession>. */
export function useSignedIn(): Session {
  const { state } = useSession();
  if (state.status !== "signed-in") throw new Error("useSignedIn needs a signed-in session");
  return state.session;
}
