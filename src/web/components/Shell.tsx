import { useEffect, useRef, type ReactNode } from "react";
import { useLocation } from "react-router-dom";
import { Header, type HeaderProps } from "./Header";

/**
 * The page frame every route shares: skip link, NHS header, the main landmark, footer.
 * After a client-side navigation focus moves to the new page's heading, so screen readers announce it
 * and keyboard users start from the top of the new content.
 */
export function Shell({ header, children }: { header: HeaderProps; children: ReactNode }) {
  const { pathname, key } = useLocation();
  // The entry the app was loaded on: no focus move there (the browser starts at the top, skip link first).
  // Keyed on the history entry rather than "first effect run", which React's StrictMode runs twice.
  const initialKey = useRef(key);
  useEffect(() => {
    if (key === initialKey.current) return;
    const frame = requestAnimationFrame(() => {
      const target =
        document.querySelector<HTMLElement>("#maincontent h1") ?? document.getElementById("maincontent");
      if (!target) return;
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: false });
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname]);

  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent">
        Skip to main content
      </a>
      <Header {...header} />
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="nhsuk-footer" role="contentinfo">
        <div className="nhsuk-width-container">
          <div className="nhsuk-footer__meta">
            <p className="nhsuk-body-s">safepost: social media policy and safe posting for GP practices.</p>
          </div>
        </div>
      </footer>
    </>
  );
}

/** A short status line shown while a page's data loads. */
export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p className="nhsuk-body" role="status">
      {what}…
    </p>
  );
}
