// Check a post as you type: the checker runs in the browser (src/core/checker), nothing is sent anywhere.
import { useDeferredValue, useEffect, useState } from "react";
import type { CheckContext, CheckResult } from "../../core/checker/types";
import { CHANNEL_LIMITS, CHECK_MAX_CHARS, tooLongMessage } from "../../core/checker/limits";
import { usePageTitle } from "../hooks";
import {
  FindingsList,
  Marked,
  useChecker,
  useCheckerProfile,
  VERDICT,
  VerdictTag,
} from "../components/CheckerFindings";
import { usePractice } from "../layouts";

/** A patient's comment is not posted by the practice: its verdict is about moderation. */
const COMMENT_VERDICT: Record<CheckResult["verdict"], string> = {
  ok: "Nothing to hide",
  review: "Review this comment",
  "do-not-post": "Hide this comment",
};

const CONTEXTS: { value: CheckContext; label: string; hint: string }[] = [
  { value: "personal", label: "My personal account", hint: "A post on your own social media" },
  { value: "practice", label: "The practice's account", hint: "A post the practice will publish" },
  { value: "comment", label: "A comment from the public", hint: "Something a patient wrote on our page" },
];

const count = (x: number): string => x.toLocaleString("en-GB");

/** The length of the text against each channel's limit and the checker's own; never cut short. */
function Lengths({ length }: { length: number }) {
  return (
    <div className="nhsuk-hint" data-testid="lengths">
      <p className="nhsuk-body-s" aria-live="polite">
        {count(length)} {length === 1 ? "character" : "characters"} (the checker reads up to{" "}
        {count(CHECK_MAX_CHARS)})
      </p>
      <ul className="nhsuk-list nhsuk-body-s">
        {CHANNEL_LIMITS.map((c) => {
          const over = length - c.chars;
          return (
            <li key={c.channel} data-channel={c.channel}>
              {c.channel}: {count(length)} of {count(c.chars)}
              {over > 0 ? <strong> — {count(over)} over the limit</strong> : null}
            </li>
          );
        })}
      </ul>
      <p className="nhsuk-body-s">
        Counted as this page counts characters; a platform may count emoji and links differently.
      </p>
    </div>
  );
}

/** Where the text waits on this device between visits (never sent anywhere; "Clear" removes it). */
const draftKey = (practiceId: string) => `safepost:check-draft:${practiceId}`;

function readDraft(practiceId: string): string {
  try {
    return window.localStorage.getItem(draftKey(practiceId)) ?? "";
  } catch {
    return "";
  }
}

function writeDraft(practiceId: string, text: string): void {
  try {
    if (text) window.localStorage.setItem(draftKey(practiceId), text);
    else window.localStorage.removeItem(draftKey(practiceId));
  } catch {
    // Storage refused or full: the text simply is not kept.
  }
}

/** Copies text with the Clipboard API, or by selecting it in a hidden field where that API is missing. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "nhsuk-u-visually-hidden";
    document.body.appendChild(field);
    field.select();
    const ok = document.execCommand("copy");
    field.remove();
    return ok;
  }
}

function CopyReply({ reply }: { reply: string }) {
  const [status, setStatus] = useState("");
  useEffect(() => setStatus(""), [reply]);
  return (
    <p>
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
        onClick={() =>
          void copyText(reply).then((ok) =>
            setStatus(ok ? "Copied" : "Could not copy: select the reply and copy it"),
          )
        }
      >
        Copy the suggested reply
      </button>{" "}
      <span role="status" data-testid="copy-status">
        {status}
      </span>
    </p>
  );
}

export default function CheckPage() {
  const { practice } = usePractice();
  usePageTitle("Check a post", practice.name);
  // The practice's own names, places, numbers and policy clauses; the text itself never leaves the page.
  const profile = useCheckerProfile(practice.id);
  const check = useChecker();
  const [text, setText] = useState(() => readDraft(practice.id));
  useEffect(() => writeDraft(practice.id, text), [practice.id, text]);
  const [context, setContext] = useState<CheckContext>("personal");
  const [sick, setSick] = useState(false);
  const deferred = useDeferredValue(text);
  // Over the checker's limit nothing is checked, and the page says so (it never checks a cut-down copy).
  const tooLong = tooLongMessage(deferred.length);
  const result =
    check && deferred.trim() && !tooLong
      ? check({ text: deferred, context, author: { onSickLeave: sick } }, profile)
      : null;

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <span className="nhsuk-caption-l">{practice.name}</span>
        <h1>Check a post</h1>
        <p>
          The check runs on this device as you type. Nothing you write here is sent: it waits on this device
          only, until you clear it.
        </p>
        <div className="nhsuk-form-group">
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
              Where will this appear?
            </legend>
            <div className="nhsuk-radios">
              {CONTEXTS.map((c) => (
                <div className="nhsuk-radios__item" key={c.value}>
                  <input
                    className="nhsuk-radios__input"
                    id={`ctx-${c.value}`}
                    type="radio"
                    name="context"
                    value={c.value}
                    checked={context === c.value}
                    onChange={() => setContext(c.value)}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={`ctx-${c.value}`}>
                    {c.label}
                  </label>
                  <div className="nhsuk-hint nhsuk-radios__hint">{c.hint}</div>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        {context === "personal" ? (
          <div className="nhsuk-form-group">
            <div className="nhsuk-checkboxes">
              <div className="nhsuk-checkboxes__item">
                <input
                  className="nhsuk-checkboxes__input"
                  id="sick"
                  type="checkbox"
                  checked={sick}
                  onChange={(e) => setSick(e.target.checked)}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="sick">
                  I am on sick leave
                </label>
              </div>
            </div>
          </div>
        ) : null}
        {result ? (
          <p className="sp-sticky-verdict" data-testid="sticky-verdict" aria-hidden="true">
            <VerdictTag
              verdict={result.verdict}
              label={context === "comment" ? COMMENT_VERDICT[result.verdict] : VERDICT[result.verdict].label}
            />
          </p>
        ) : null}
        <div className={`nhsuk-form-group${tooLong ? " nhsuk-form-group--error" : ""}`}>
          <label className="nhsuk-label" htmlFor="post-text">
            Your post or the comment
          </label>
          {tooLong ? (
            <span className="nhsuk-error-message" id="post-text-error" data-testid="too-long">
              <span className="nhsuk-u-visually-hidden">Error:</span> {tooLong}
            </span>
          ) : null}
          <textarea
            className={`nhsuk-textarea${tooLong ? " nhsuk-textarea--error" : ""}`}
            id="post-text"
            rows={6}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={tooLong ? "post-text-error post-text-lengths" : "post-text-lengths"}
          />
          {text ? (
            <p className="nhsuk-u-margin-top-2">
              <button type="button" className="sp-link-button" onClick={() => setText("")}>
                Clear the text
              </button>
            </p>
          ) : null}
          <div id="post-text-lengths">
            <Lengths length={text.length} />
          </div>
        </div>
        <div aria-live="polite" data-testid="check-result">
          {!check ? <p>Loading the checker…</p> : null}
          {result ? (
            <>
              <h2>
                <VerdictTag
                  verdict={result.verdict}
                  label={
                    context === "comment" ? COMMENT_VERDICT[result.verdict] : VERDICT[result.verdict].label
                  }
                />
              </h2>
              <Marked text={deferred} result={result} />
              <FindingsList text={deferred} result={result} />
              {result.triage ? (
                <div className="nhsuk-inset-text">
                  <p>
                    <strong>Type of comment:</strong> {result.triage.category.replace(/-/g, " ")}
                  </p>
                  <p>
                    <strong>Suggested reply:</strong> {result.triage.reply}
                  </p>
                  <CopyReply reply={result.triage.reply} />
                  <p>
                    <strong>Moderation:</strong> {result.triage.moderation.advice}
                  </p>
                </div>
              ) : null}
            </>
          ) : null}
        </div>
      </div>
    </div>
  );
}
