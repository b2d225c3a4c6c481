// Check a post as you type: the checker runs in the browser (src/core/checker), nothing is sent anywhere.
import { Fragment, useDeferredValue, useEffect, useState, type ReactElement } from "react";
import type { CheckContext, CheckInput, CheckResult, PracticeProfile } from "../../core/checker/types";
import { groupFindings } from "../../core/checker/group";
import { CHANNEL_LIMITS, CHECK_MAX_CHARS, tooLongMessage } from "../../core/checker/limits";
import { request } from "../api";
import { useApi, usePageTitle } from "../hooks";
import { usePractice } from "../layouts";

type CheckFn = (input: CheckInput, profile?: PracticeProfile) => CheckResult;

const VERDICT: Record<CheckResult["verdict"], { label: string; tag: string }> = {
  ok: { label: "OK to post", tag: "nhsuk-tag--green" },
  review: { label: "Review before posting", tag: "nhsuk-tag--yellow" },
  "do-not-post": { label: "Do not post", tag: "nhsuk-tag--red" },
};
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

/** The text with every flagged span wrapped in <mark>. */
function Marked({ text, result }: { text: string; result: CheckResult }) {
  const spans = result.findings
    .filter((f) => f.severity !== "advice")
    .flatMap((f) => f.spans)
    .sort((a, b) => a.start - b.start);
  const parts: ReactElement[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.end <= at) continue;
    const start = Math.max(s.start, at);
    parts.push(<Fragment key={`t${start}`}>{text.slice(at, start)}</Fragment>);
    parts.push(<mark key={`m${start}`}>{text.slice(start, s.end)}</mark>);
    at = s.end;
  }
  parts.push(<Fragment key="end">{text.slice(at)}</Fragment>);
  return (
    <p className="nhsuk-body" style={{ whiteSpace: "pre-wrap" }} data-testid="marked">
      {parts}
    </p>
  );
}

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

export default function CheckPage() {
  const { practice } = usePractice();
  usePageTitle("Check a post", practice.name);
  // The practice's own names, places, numbers and policy clauses; the text itself never leaves the page.
  const profile = useApi(
    () => request<PracticeProfile>("GET", `/api/practices/${practice.id}/checker-profile`),
    practice.id,
  );
  const [check, setCheck] = useState<CheckFn | null>(null);
  const [text, setText] = useState("");
  const [context, setContext] = useState<CheckContext>("personal");
  const [sick, setSick] = useState(false);
  const deferred = useDeferredValue(text);
  useEffect(() => {
    // Loaded on demand: the lexicons are large and only this page needs them.
    void import("../../core/checker/index").then((m) => setCheck(() => m.check as CheckFn));
  }, []);
  // Over the checker's limit nothing is checked, and the page says so (it never checks a cut-down copy).
  const tooLong = tooLongMessage(deferred.length);
  const result =
    check && deferred.trim() && !tooLong
      ? check({ text: deferred, context, author: { onSickLeave: sick } }, profile.data)
      : null;

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <span className="nhsuk-caption-l">{practice.name}</span>
        <h1>Check a post</h1>
        <p>The check runs on this device as you type. Nothing you write here is saved or sent.</p>
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
          <div id="post-text-lengths">
            <Lengths length={text.length} />
          </div>
        </div>
        <div aria-live="polite" data-testid="check-result">
          {!check ? <p>Loading the checker…</p> : null}
          {result ? (
            <>
              <h2>
                <strong className={`nhsuk-tag ${VERDICT[result.verdict].tag}`}>
                  {context === "comment" ? COMMENT_VERDICT[result.verdict] : VERDICT[result.verdict].label}
                </strong>
              </h2>
              <Marked text={deferred} result={result} />
              {result.findings.length ? (
                <ul className="nhsuk-list nhsuk-list--border" data-testid="findings">
                  {groupFindings(deferred, result.findings).map((g) => (
                    <li key={g.rule}>
                      <h3 className="nhsuk-heading-s">
                        {g.severity === "breach" ? "Breach" : g.severity === "warning" ? "Warning" : "Advice"}
                        : {g.message}
                      </h3>
                      {g.words.length ? (
                        <p className="nhsuk-body-s">
                          Flagged:{" "}
                          {g.words.map((w, i) => (
                            <Fragment key={w}>
                              {i ? ", " : ""}
                              <q>{w}</q>
                            </Fragment>
                          ))}
                        </p>
                      ) : null}
                      <p className="nhsuk-body-s">
                        Policy clause {g.clause}: {g.clauseTitle}
                      </p>
                      <p className="nhsuk-body-s">{g.suggestion}</p>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>No problems found.</p>
              )}
              {result.triage ? (
                <div className="nhsuk-inset-text">
                  <p>
                    <strong>Type of comment:</strong> {result.triage.category.replace(/-/g, " ")}
                  </p>
                  <p>
                    <strong>Suggested reply:</strong> {result.triage.reply}
                  </p>
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
