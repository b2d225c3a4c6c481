// Small hooks every page uses: the page title and loading data from the API.
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { ApiError } from "./api";
import { notifyIfSessionEnded } from "./session";

export const SERVICE_NAME = "safepost";

/** Sets the document title ("Staff – Riverside Surgery – safepost"), which screen readers announce. */
export function usePageTitle(...parts: (string | null | undefined)[]): void {
  const title = [...parts.filter((p): p is string => Boolean(p)), SERVICE_NAME].join(" – ");
  useEffect(() => {
    document.title = title;
  }, [title]);
}

export type Loaded<T> =
  | { status: "loading"; data?: undefined; error?: undefined }
  | { status: "ok"; data: T; error?: undefined }
  | { status: "error"; data?: undefined; error: ApiError };

/** Loads data from the API when `key` changes; `reload` fetches again. A 401 signs the app out. */
export function useApi<T>(load: () => Promise<T>, key: string): Loaded<T> & { reload: () => Promise<void> } {
  const [state, setState] = useState<Loaded<T>>({ status: "loading" });
  const loadRef = useRef(load);
  loadRef.current = load;
  const current = useRef(0);

  const run = useCallback(async () => {
    const ticket = ++current.current;
    try {
      const data = await loadRef.current();
      if (ticket === current.current) setState({ status: "ok", data });
    } catch (err) {
      notifyIfSessionEnded(err);
      const error =
        err instanceof ApiError
          ? err
          : new ApiError(0, "internal", "Something went wrong. Please try again.");
      if (ticket === current.current) setState({ status: "error", error });
    }
  }, []);

  useEffect(() => {
    setState({ status: "loading" });
    void run();
  }, [key, run]);

  return { ...state, reload: run };
}

/** Wraps a form submission: tracks busy state and the ApiError to show. A 401 signs the app out. */
export function useSubmit(): {
  busy: boolean;
  error: ApiError | null;
  setError: (e: ApiError | null) => void;
  submit: (action: () => Promise<void>) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      notifyIfSessionEnded(err);
      setError(
        err instanceof ApiError
          ? err
          : new ApiError(0, "internal", "Something went wrong. Please try again."),
      );
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, submit };
}

/** A ref that moves focus to its element whenever `when` becomes truthy (a confirmation question appearing). */
export function useFocusWhen<T extends HTMLElement>(when: unknown): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (when) ref.current?.focus();
  }, [when]);
  return ref;
}
