// Keyboard shortcuts for a list of links: j / k move to the next / previous item, o opens it. Keys typed into a
// field, or with Ctrl, Alt or Cmd held, are left alone.
import { useEffect, useRef, useState } from "react";

/** True when a key press belongs to a form field (or a browser shortcut) rather than to the page's shortcuts. */
export function typingIn(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (e.ctrlKey || e.metaKey || e.altKey) return true;
  return !!t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));
}

/**
 * The selected item of a list of `count` links, moved by j / k; `open(i)` runs on o. `linkOf(i)` gives the
 * item's link so focus follows the selection (screen readers announce it).
 */
export function useListKeys(
  count: number,
  open: (index: number) => void,
  linkOf: (index: number) => HTMLElement | null,
): number {
  const [selected, setSelected] = useState(-1);
  const at = useRef(-1);
  const latest = useRef({ count, open, linkOf });
  latest.current = { count, open, linkOf };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { count: n, open: go, linkOf: link } = latest.current;
      if (typingIn(e) || n === 0) return;
      if (e.key === "j" || e.key === "k") {
        e.preventDefault();
        const next = e.key === "j" ? Math.min(at.current + 1, n - 1) : Math.max(at.current - 1, 0);
        at.current = next;
        setSelected(next);
        link(next)?.focus();
      } else if (e.key === "o") {
        e.preventDefault();
        go(Math.max(at.current, 0));
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return selected;
}
