import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { Link, useLocation } from "react-router-dom";
import type { PracticeAction } from "../api";
import { visibleNavItems } from "../nav";
import { SERVICE_NAME } from "../hooks";

/**
 * safepost's own mark: a speech bubble holding a tick. The NHS logo is reserved for NHS organisations, so
 * the header keeps the NHS design system's layout with this mark in its place.
 */
export function SafepostMark({ className = "sp-mark" }: { className?: string }) {
  return (
    <svg
      className={className}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 40 40"
      height="40"
      width="40"
      focusable="false"
      aria-hidden="true"
    >
      <path fill="currentcolor" d={MARK_BUBBLE} />
      <path
        fill="none"
        stroke="#005eb8"
        strokeWidth="4"
        strokeLinecap="round"
        strokeLinejoin="round"
        d={MARK_TICK}
      />
    </svg>
  );
}

/** The bubble (a rounded square with a tail at the lower left) and the tick, shared with the favicon. */
const MARK_BUBBLE = "M10 2h20a8 8 0 0 1 8 8v14a8 8 0 0 1-8 8H17l-9 7v-7.3A8 8 0 0 1 2 24V10a8 8 0 0 1 8-8Z";
const MARK_TICK = "M12 17.5l5.5 5.5L28.5 12";

function UserIcon() {
  return (
    <svg
      className="nhsuk-icon nhsuk-icon--user"
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      width="16"
      height="16"
      focusable="false"
      aria-hidden="true"
    >
      <path d="M12 1a11 11 0 1 1 0 22 11 11 0 0 1 0-22Zm0 2a9 9 0 0 0-5 16.5V18a4 4 0 0 1 4-4h2a4 4 0 0 1 4 4v1.5A9 9 0 0 0 12 3Zm0 3a3.5 3.5 0 1 1-3.5 3.5A3.4 3.4 0 0 1 12 6Z" />
    </svg>
  );
}

export interface HeaderProps {
  /** Where the service name links to. */
  homeHref: string;
  user?: { name: string } | undefined;
  practice?: { id: string; name: string; allowed: readonly PracticeAction[] } | undefined;
  /** Offer "Change practice" when the user belongs to more than one. */
  canSwitchPractice?: boolean;
  onSignOut?: (() => void) | undefined;
}

/** The header, in the NHS design system's pattern: safepost's mark and name, the signed-in account, and the practice navigation. */
export function Header({ homeHref, user, practice, canSwitchPractice, onSignOut }: HeaderProps) {
  const { pathname } = useLocation();
  return (
    <header className="nhsuk-header" role="banner">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <Link className="nhsuk-header__service-logo" to={homeHref} aria-label={`${SERVICE_NAME} homepage`}>
            <SafepostMark />
            <span className="nhsuk-header__service-name sp-wordmark">{SERVICE_NAME}</span>
          </Link>
        </div>
        {user ? (
          <nav
            className={`nhsuk-header__account${practice ? " sp-account--folds" : ""}`}
            aria-label="Account"
          >
            <ul className="nhsuk-header__account-list">
              <li className="nhsuk-header__account-item" data-testid="signed-in-user">
                <UserIcon />
                {user.name}
              </li>
              {practice ? (
                <li className="nhsuk-header__account-item" data-testid="current-practice">
                  {canSwitchPractice ? (
                    <Link className="nhsuk-header__account-link" to="/practices">
                      {practice.name}
                      <span className="nhsuk-u-visually-hidden"> (change practice)</span>
                    </Link>
                  ) : (
                    practice.name
                  )}
                </li>
              ) : null}
              {onSignOut ? (
                <li className="nhsuk-header__account-item">
                  <Link className="nhsuk-header__account-link" to="/account/two-step">
                    Two-step sign-in
                  </Link>
                </li>
              ) : null}
              {onSignOut ? (
                <li className="nhsuk-header__account-item">
                  <Link className="nhsuk-header__account-link" to="/account/emails">
                    Emails
                  </Link>
                </li>
              ) : null}
              {onSignOut ? (
                <li className="nhsuk-header__account-item">
                  <button className="nhsuk-header__account-button" type="button" onClick={onSignOut}>
                    Sign out
                  </button>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}
      </div>
      {practice ? (
        <PracticeNavigation
          practice={practice}
          pathname={pathname}
          user={user}
          canSwitchPractice={canSwitchPractice}
          onSignOut={onSignOut}
        />
      ) : null}
    </header>
  );
}

interface NavLinkItem {
  label: string;
  to: string;
  current: boolean;
}

function NavLink({ item, onClick }: { item: NavLinkItem; onClick?: () => void }) {
  return (
    <Link
      className="nhsuk-header__navigation-link"
      to={item.to}
      {...(onClick ? { onClick } : {})}
      {...(item.current ? { "aria-current": "page" as const } : {})}
    >
      {item.current ? (
        <strong className="nhsuk-header__navigation-item-current-fallback">{item.label}</strong>
      ) : (
        item.label
      )}
    </Link>
  );
}

/**
 * The practice navigation. Wide screens show every link; a phone shows one "Menu" button (nhsuk-frontend's
 * header menu toggle) that opens the links and the account's, and closes on Escape, on choosing a link and
 * on moving to another page.
 */
function PracticeNavigation({
  practice,
  pathname,
  user,
  canSwitchPractice,
  onSignOut,
}: {
  practice: NonNullable<HeaderProps["practice"]>;
  pathname: string;
  user: HeaderProps["user"];
  canSwitchPractice: boolean | undefined;
  onSignOut: HeaderProps["onSignOut"];
}) {
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => setOpen(false), [pathname]);
  const items: NavLinkItem[] = visibleNavItems(practice.allowed).map((item) => {
    const to = `/practice/${practice.id}${item.path ? `/${item.path}` : ""}`;
    const current = item.path === "" ? pathname === to : pathname === to || pathname.startsWith(`${to}/`);
    return { label: item.label, to, current };
  });
  const close = () => setOpen(false);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape" && open) {
      setOpen(false);
      toggle.current?.focus();
    }
  };
  return (
    <nav className="nhsuk-header__navigation" aria-label="Menu" onKeyDown={onKeyDown}>
      <div className="nhsuk-header__navigation-container nhsuk-width-container">
        <ul className="nhsuk-header__navigation-list">
          {items.map((item) => (
            <li
              key={item.label}
              className={`nhsuk-header__navigation-item sp-nav-wide${item.current ? " nhsuk-header__navigation-item--current" : ""}`}
            >
              <NavLink item={item} />
            </li>
          ))}
          <li className="nhsuk-header__menu sp-nav-phone">
            <button
              ref={toggle}
              type="button"
              className="nhsuk-header__menu-toggle nhsuk-header__navigation-link"
              aria-expanded={open}
              aria-controls="sp-phone-menu"
              onClick={() => setOpen(!open)}
            >
              Menu
            </button>
            {open ? (
              <ul className="nhsuk-header__menu-list" id="sp-phone-menu">
                {items.map((item) => (
                  <li key={item.label} className="nhsuk-header__navigation-item">
                    <NavLink item={item} onClick={close} />
                  </li>
                ))}
                {user ? (
                  <li className="nhsuk-header__navigation-item sp-menu-account">
                    <span className="nhsuk-header__navigation-text">
                      {user.name}, {practice.name}
                    </span>
                  </li>
                ) : null}
                {canSwitchPractice ? (
                  <li className="nhsuk-header__navigation-item">
                    <NavLink
                      item={{ label: "Change practice", to: "/practices", current: false }}
                      onClick={close}
                    />
                  </li>
                ) : null}
                {onSignOut ? (
                  <>
                    <li className="nhsuk-header__navigation-item">
                      <NavLink
                        item={{ label: "Two-step sign-in", to: "/account/two-step", current: false }}
                        onClick={close}
                      />
                    </li>
                    <li className="nhsuk-header__navigation-item">
                      <NavLink
                        item={{ label: "Emails", to: "/account/emails", current: false }}
                        onClick={close}
                      />
                    </li>
                    <li className="nhsuk-header__navigation-item">
                      <button
                        className="nhsuk-header__navigation-link sp-menu-button"
                        type="button"
                        onClick={onSignOut}
                      >
                        Sign out
                      </button>
                    </li>
                  </>
                ) : null}
              </ul>
            ) : null}
          </li>
        </ul>
      </div>
    </nav>
  );
}
