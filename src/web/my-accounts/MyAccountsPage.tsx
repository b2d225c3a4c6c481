// "My accounts": the member's own check of their personal social media accounts, a platform at a time. Only
// they see their answers; the practice manager sees that they completed it only if they agree.
import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { formatUkDate } from "../../core/dates";
import { Button } from "../components/Fields";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { Banner, LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../hooks";
import { usePractice } from "../layouts";
import { savedNotice } from "./saved-notice";
import { myAccountsApi, type CheckPlatform, type ItemAnswer, type MyAccountsCheck } from "./my-accounts-api";

const STATE_TAGS: Record<CheckPlatform["state"], { label: string; tag: string }> = {
  "not-started": { label: "Not started", tag: "nhsuk-tag--grey" },
  "in-progress": { label: "In progress", tag: "nhsuk-tag--yellow" },
  complete: { label: "Done", tag: "nhsuk-tag--green" },
  "not-used": { label: "Not used", tag: "nhsuk-tag--white" },
};

const ANSWERS: { value: ItemAnswer; label: string }[] = [
  { value: "done", label: "Done" },
  { value: "not-yet", label: "Not yet" },
  { value: "not-applicable", label: "Does not apply to me" },
];

export default function MyAccountsPage() {
  const { practice, path, can } = usePractice();
  usePageTitle("My accounts", practice.name);
  const state = useApi(() => myAccountsApi.get(practice.id), `my-accounts:${practice.id}`);
  const [check, setCheck] = useState<MyAccountsCheck | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [params, setParams] = useSearchParams();
  const loaded = state.status === "ok" ? state.data : null;
  useEffect(() => {
    if (loaded) setCheck(loaded);
  }, [loaded]);
  if (state.status === "error") return <LoadError error={state.error} />;
  if (!check) return <Loading />;
  const current = check.platforms.find((p) => p.key === params.get("platform")) ?? null;
  const open = (key: string | null) => setParams(key ? { platform: key } : {});
  return (
    <>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>My accounts</h1>
      {notice ? (
        <p className="nhsuk-body" role="status">
          {notice}
        </p>
      ) : null}
      {current ? (
        <PlatformForm
          key={current.key}
          check={check}
          platform={current}
          onSaved={(next, goTo) => {
            setCheck(next);
            setNotice(savedNotice(next.platforms.find((p) => p.key === current.key) ?? current));
            open(goTo);
          }}
          backTo={() => {
            setNotice(null);
            open(null);
          }}
        />
      ) : (
        <Overview
          check={check}
          onSaved={setCheck}
          open={(key) => {
            setNotice(null);
            open(key);
          }}
        />
      )}
      {!current && can("view-my-accounts-summary") ? (
        <p>
          <Link to={path("my-accounts/summary")}>See who has completed the check, and add platforms</Link>
        </p>
      ) : null}
    </>
  );
}

function Overview({
  check,
  onSaved,
  open,
}: {
  check: MyAccountsCheck;
  onSaved: (c: MyAccountsCheck) => void;
  open: (key: string) => void;
}) {
  const { practice, path } = usePractice();
  return (
    <>
      <p>
        A check of your own social media accounts against the practice&apos;s policy: privacy, your profile,
        work details, friend requests from patients and location sharing. Each item says how to do it on each
        platform.
      </p>
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          Your answers are private. Nobody else can see them, not even the practice manager. If you agree
          below, the practice manager sees only whether and when you completed the check.
        </p>
      </div>
      {!check.policyPublished ? (
        <p>
          Your practice has not published its policy yet, so the items do not link to its clauses. The{" "}
          <Link to={path("policy")}>Policy</Link> page says where it has got to.
        </p>
      ) : null}
      {check.complete ? (
        <Banner title="Check complete" success>
          <p>
            {check.completedAt
              ? `You completed the check on ${formatUkDate(check.completedAt)}.`
              : "Every platform is answered."}{" "}
            Look again every few months: the apps change their settings.
          </p>
        </Banner>
      ) : null}
      <h2>Your platforms</h2>
      <ul className="nhsuk-list nhsuk-list--border" aria-label="Platforms">
        {check.platforms.map((p) => (
          <li key={p.key} className="sp-platform-row">
            <a
              href={`?platform=${encodeURIComponent(p.key)}`}
              onClick={(e) => {
                e.preventDefault();
                open(p.key);
              }}
            >
              {p.name}
            </a>{" "}
            <strong className={`nhsuk-tag ${STATE_TAGS[p.state].tag}`}>{STATE_TAGS[p.state].label}</strong>
            {p.state === "in-progress" ? (
              <span className="nhsuk-body-s">
                {" "}
                {p.answered} of {p.applicable} items done
              </span>
            ) : null}
            {p.addedByPractice ? <span className="nhsuk-body-s"> (added by your practice)</span> : null}
          </li>
        ))}
      </ul>
      <Sharing practiceId={practice.id} check={check} onSaved={onSaved} />
    </>
  );
}

function Sharing({
  practiceId,
  check,
  onSaved,
}: {
  practiceId: string;
  check: MyAccountsCheck;
  onSaved: (c: MyAccountsCheck) => void;
}) {
  const [share, setShare] = useState(check.shareCompletion);
  const [saved, setSaved] = useState(false);
  const { busy, error, submit } = useSubmit();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        void submit(async () => {
          const next = await myAccountsApi.share(practiceId, share);
          onSaved(next);
          setSaved(true);
        });
      }}
    >
      <h2>What the practice manager sees</h2>
      <ErrorSummary items={summaryFromError(error, "", ["share"])} />
      {saved ? (
        <p className="nhsuk-body" role="status">
          Saved.{" "}
          {check.shareCompletion
            ? "The practice manager can see whether and when you completed the check."
            : "The practice manager sees “not shared”."}
        </p>
      ) : null}
      <div className="nhsuk-form-group">
        <div className="nhsuk-checkboxes">
          <div className="nhsuk-checkboxes__item">
            <input
              className="nhsuk-checkboxes__input"
              id="share"
              type="checkbox"
              checked={share}
              onChange={(e) => setShare(e.target.checked)}
              aria-describedby="share-hint"
            />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="share">
              Let the practice manager see that I completed it
            </label>
            <div className="nhsuk-hint nhsuk-checkboxes__hint" id="share-hint">
              They see only &ldquo;completed on&rdquo; a date, or &ldquo;not completed&rdquo;. Never your
              answers.
            </div>
          </div>
        </div>
      </div>
      <Button busy={busy} variant="secondary">
        Save my choice
      </Button>
    </form>
  );
}

function PlatformForm({
  check,
  platform,
  onSaved,
  backTo,
}: {
  check: MyAccountsCheck;
  platform: CheckPlatform;
  onSaved: (c: MyAccountsCheck, goTo: string | null) => void;
  backTo: () => void;
}) {
  const { practice, path } = usePractice();
  usePageTitle(platform.name, "My accounts", practice.name);
  const [uses, setUses] = useState<boolean | null>(platform.uses);
  const [answers, setAnswers] = useState<Partial<Record<string, ItemAnswer>>>(() =>
    Object.fromEntries(platform.items.filter((i) => i.answer).map((i) => [i.id, i.answer!])),
  );
  const { busy, error, submit } = useSubmit();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const index = check.platforms.findIndex((p) => p.key === platform.key);
  const next = check.platforms[index + 1] ?? null;
  const itemsById = new Map(check.items.map((i) => [i.id, i]));
  return (
    <>
      <p>
        <a
          className="nhsuk-back-link"
          href="?"
          onClick={(e) => {
            e.preventDefault();
            backTo();
          }}
        >
          All platforms
        </a>
      </p>
      <h2 className="nhsuk-heading-l" ref={heading} tabIndex={-1}>
        {platform.name}
      </h2>
      {platform.addedByPractice ? (
        <p>
          Your practice added {platform.name}, so the steps are general ones: the menus may be named
          differently.
        </p>
      ) : null}
      <ErrorSummary items={summaryFromError(error, "", ["uses"])} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(async () => {
            const saved = await myAccountsApi.save(practice.id, platform.key, {
              uses: uses as boolean,
              items: uses ? answers : {},
            });
            onSaved(saved, next?.key ?? null);
          });
        }}
      >
        <InlineRadios
          id="uses"
          legend={`Do you have a personal account on ${platform.name}?`}
          value={uses === null ? "" : uses ? "yes" : "no"}
          options={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No, I don't use it" },
          ]}
          onChange={(v) => setUses(v === "yes")}
          error={fieldError(error, "uses")}
        />
        {uses
          ? platform.items.map((item) => {
              const about = itemsById.get(item.id)!;
              return (
                <section key={item.id} className="sp-check-item" aria-labelledby={`item-${item.id}`}>
                  <h3 className="nhsuk-heading-s" id={`item-${item.id}`}>
                    {about.title}
                  </h3>
                  <p className="nhsuk-body-s">
                    {about.why}
                    {about.clause ? (
                      <>
                        {" "}
                        <Link to={path(`policy/read#clause-${about.clause.key}`)}>
                          Policy clause {about.clause.number}: {about.clause.title}
                        </Link>
                      </>
                    ) : null}
                  </p>
                  {item.guidance.applies ? (
                    <>
                      <details className="nhsuk-details">
                        <summary className="nhsuk-details__summary">
                          <span className="nhsuk-details__summary-text">How to do it on {platform.name}</span>
                        </summary>
                        <div className="nhsuk-details__text">
                          <ol className="nhsuk-list nhsuk-list--number">
                            {item.guidance.steps.map((s) => (
                              <li key={s}>{s}</li>
                            ))}
                          </ol>
                        </div>
                      </details>
                      <InlineRadios
                        id={`answer-${item.id}`}
                        legend={`${about.title}: your answer`}
                        hideLegend
                        value={answers[item.id] ?? ""}
                        options={ANSWERS}
                        onChange={(v) => setAnswers({ ...answers, [item.id]: v })}
                      />
                    </>
                  ) : (
                    <div className="nhsuk-inset-text">
                      <span className="nhsuk-u-visually-hidden">Does not apply: </span>
                      <p>{item.guidance.reason}</p>
                    </div>
                  )}
                </section>
              );
            })
          : null}
        <Button busy={busy}>{next ? `Save and go to ${next.name}` : "Save"}</Button>
      </form>
    </>
  );
}

/** NHS inline radios under one legend (the legend may be read out only, when a heading already says it). */
function InlineRadios<T extends string>(props: {
  id: string;
  legend: string;
  hideLegend?: boolean;
  value: T | "";
  options: { value: T; label: string }[];
  onChange: (v: T) => void;
  error?: string | undefined;
}) {
  return (
    <div className={`nhsuk-form-group${props.error ? " nhsuk-form-group--error" : ""}`}>
      <fieldset
        className="nhsuk-fieldset"
        {...(props.error ? { "aria-describedby": `${props.id}-error` } : {})}
      >
        <legend
          className={
            props.hideLegend ? "nhsuk-u-visually-hidden" : "nhsuk-fieldset__legend nhsuk-fieldset__legend--s"
          }
        >
          {props.legend}
        </legend>
        {props.error ? (
          <span className="nhsuk-error-message" id={`${props.id}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {props.error}
          </span>
        ) : null}
        <div className="nhsuk-radios nhsuk-radios--inline">
          {props.options.map((o, i) => {
            const optionId = i === 0 ? props.id : `${props.id}-${i + 1}`;
            return (
              <div className="nhsuk-radios__item" key={o.value}>
                <input
                  className="nhsuk-radios__input"
                  id={optionId}
                  name={props.id}
                  type="radio"
                  value={o.value}
                  checked={props.value === o.value}
                  onChange={() => props.onChange(o.value)}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={optionId}>
                  {o.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
