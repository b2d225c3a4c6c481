// The practice's reply templates: the admin writes one for a kind of comment, changes it, marks it pre-approved
// (a poster may then send it unedited without a second person) and archives it. The built-in replies are the
// starting set. Others who see the inbox read them here.
import { useState } from "react";
import { Link } from "react-router-dom";
import { CATEGORY_LABELS, INBOX_CATEGORIES, type InboxCategory } from "../../core/inbox/types";
import { Button, Checkboxes, TextField } from "../components/Fields";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { Banner, LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../hooks";
import { Select, TextArea } from "../incidents/IncidentFields";
import { usePractice } from "../layouts";
import { inboxApi, type ReplyTemplate, type TemplateList } from "./inbox-api";

export default function ReplyTemplatesPage() {
  const { practice, path } = usePractice();
  usePageTitle("Reply templates", "Inbox", practice.name);
  const loaded = useApi(() => inboxApi.templates(practice.id, true), practice.id);
  const [done, setDone] = useState<string | null>(null);
  if (loaded.status === "error") return <LoadError error={loaded.error} />;
  if (loaded.status === "loading") return <Loading />;
  const saved = async (what: string) => {
    setDone(what);
    await loaded.reload();
  };
  const list: TemplateList = loaded.data;
  return (
    <>
      <span className="nhsuk-caption-l">
        <Link to={path("inbox")}>Inbox</Link> · {practice.name}
      </span>
      <h1>Reply templates</h1>
      <p>
        Suggested replies for each kind of comment. Placeholders fill from the practice&apos;s Settings:{" "}
        {list.placeholders.map((p, i) => (
          <span key={p.name}>
            {i ? ", " : ""}
            <code>{`{${p.name}}`}</code> ({p.label})
          </span>
        ))}
        .
      </p>
      {done ? (
        <Banner title="Saved" success>
          <p>{done}</p>
        </Banner>
      ) : null}
      {list.allowed.includes("create") ? <TemplateForm template={null} onSaved={saved} /> : null}
      {INBOX_CATEGORIES.map((c) => {
        const mine = list.templates.filter((t) => t.category === c);
        if (!mine.length) return null;
        return (
          <section key={c} aria-labelledby={`cat-${c}`}>
            <h2 id={`cat-${c}`} className="nhsuk-heading-m">
              {CATEGORY_LABELS[c]}
            </h2>
            {mine.map((t) => (
              <TemplateCard key={t.id} template={t} onSaved={saved} />
            ))}
          </section>
        );
      })}
    </>
  );
}

function TemplateCard({
  template: t,
  onSaved,
}: {
  template: ReplyTemplate;
  onSaved: (what: string) => Promise<void>;
}) {
  const { practice } = usePractice();
  const [editing, setEditing] = useState(false);
  const { busy, submit } = useSubmit();
  if (editing)
    return (
      <TemplateForm
        template={t}
        onSaved={async (w) => {
          setEditing(false);
          await onSaved(w);
        }}
      />
    );
  return (
    <div className="nhsuk-card" data-testid="template-card">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">
          {t.name}{" "}
          {t.preApproved ? <strong className="nhsuk-tag nhsuk-tag--green">Pre-approved</strong> : null}{" "}
          {t.archived ? <strong className="nhsuk-tag nhsuk-tag--grey">Archived</strong> : null}
        </h3>
        <p className="sp-pre-wrap sp-break">{t.filled}</p>
        {t.allowed.includes("edit") ? (
          <div className="nhsuk-button-group">
            <Button variant="secondary" type="button" onClick={() => setEditing(true)}>
              Edit<span className="nhsuk-u-visually-hidden"> {t.name}</span>
            </Button>
            <Button
              variant="secondary"
              type="button"
              busy={busy}
              onClick={() =>
                void submit(async () => {
                  await inboxApi.changeTemplate(practice.id, t.id, { archived: !t.archived });
                  await onSaved(t.archived ? `"${t.name}" is offered again.` : `"${t.name}" was archived.`);
                })
              }
            >
              {t.archived ? "Bring back" : "Archive"}
              <span className="nhsuk-u-visually-hidden"> {t.name}</span>
            </Button>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function TemplateForm({
  template,
  onSaved,
}: {
  template: ReplyTemplate | null;
  onSaved: (what: string) => Promise<void>;
}) {
  const { practice } = usePractice();
  const [category, setCategory] = useState<InboxCategory>(template?.category ?? "complaint");
  const [name, setName] = useState(template?.name ?? "");
  const [text, setText] = useState(template?.text ?? "");
  const [pre, setPre] = useState<string[]>(template?.preApproved ? ["yes"] : []);
  const { busy, error, submit } = useSubmit();
  const p = template ? `tpl-${template.id.slice(0, 8)}-` : "tpl-new-";
  return (
    <form
      noValidate
      className="nhsuk-card nhsuk-card__content"
      aria-label={template ? `Edit ${template.name}` : "A new template"}
      onSubmit={(e) => {
        e.preventDefault();
        void submit(async () => {
          const input = { category, name, text, preApproved: pre.includes("yes") };
          if (template) await inboxApi.changeTemplate(practice.id, template.id, input);
          else await inboxApi.createTemplate(practice.id, input);
          if (!template) {
            setName("");
            setText("");
            setPre([]);
          }
          await onSaved(template ? `"${name}" was changed.` : `"${name}" was added.`);
        });
      }}
    >
      <h2 className="nhsuk-heading-s">{template ? `Edit "${template.name}"` : "Add a template"}</h2>
      <ErrorSummary items={summaryFromError(error, p, ["category", "name", "text", "preApproved"])} />
      <Select
        id={`${p}category`}
        label="Kind of comment it answers"
        value={category}
        options={INBOX_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
        onChange={setCategory}
        error={fieldError(error, "category")}
      />
      <TextField
        id={`${p}name`}
        label="Name"
        value={name}
        onChange={setName}
        error={fieldError(error, "name")}
      />
      <TextArea
        id={`${p}text`}
        label="Words"
        value={text}
        onChange={setText}
        rows={5}
        error={fieldError(error, "text")}
      />
      <Checkboxes
        id={`${p}preApproved`}
        legend="Pre-approval"
        options={[
          { value: "yes", label: "Pre-approved: a poster may send it unedited without a second person" },
        ]}
        values={pre}
        onChange={setPre}
        error={fieldError(error, "preApproved")}
      />
      <Button busy={busy}>{template ? "Save the template" : "Add the template"}</Button>
    </form>
  );
}
