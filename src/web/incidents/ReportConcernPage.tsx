// "Report a concern": any member tells the practice manager about a post, a comment, an account or a lost
// phone. Only what the reporter writes here is kept; the text box for the post itself is optional.
import { useState } from "react";
import { Button, TextField } from "../components/Fields";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { Banner } from "../components/Messages";
import { usePageTitle, useSubmit } from "../hooks";
import { usePractice } from "../layouts";
import { incidentsApi, type ConcernInput } from "./incidents-api";
import { Radios, TextArea } from "./IncidentFields";

const KINDS: { value: ConcernInput["kind"]; label: string }[] = [
  { value: "colleague-post", label: "A colleague's post" },
  { value: "patient-comment", label: "A patient's comment on a practice account" },
  { value: "practice-account", label: "A practice account that may be compromised" },
  { value: "lost-phone", label: "A lost phone signed in to a practice account" },
  { value: "own-post", label: "A post of my own I regret" },
  { value: "other", label: "Something else" },
];

export default function ReportConcernPage() {
  const { practice } = usePractice();
  usePageTitle("Report a concern", practice.name);
  const [kind, setKind] = useState<ConcernInput["kind"] | "">("");
  const [url, setUrl] = useState("");
  const [seen, setSeen] = useState("");
  const [included, setIncluded] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, submit } = useSubmit();
  if (done)
    return (
      <>
        <h1>Report a concern</h1>
        <Banner title="Concern reported" success>
          <p>{done}</p>
        </Banner>
        <Button type="button" variant="secondary" onClick={() => setDone(null)}>
          Report another concern
        </Button>
      </>
    );
  return (
    <>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>Report a concern</h1>
      <p>
        Tell the practice manager about something on social media that worries you. Only what you write here
        is kept. You will not see the case afterwards, but the practice manager will look at it.
      </p>
      <ErrorSummary items={summaryFromError(error, "concern-")} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(async () => {
            const r = await incidentsApi.report(practice.id, {
              kind: kind || (undefined as unknown as ConcernInput["kind"]),
              url: url.trim() || null,
              seen,
              includedText: included.trim() || null,
            });
            setDone(r.message);
            setKind("");
            setUrl("");
            setSeen("");
            setIncluded("");
          });
        }}
      >
        <Radios
          id="concern-kind"
          legend="What is it about?"
          value={kind}
          options={KINDS}
          onChange={setKind}
          error={fieldError(error, "kind")}
        />
        <TextField
          id="concern-url"
          label="Link (optional)"
          hint="The web address of the post or comment, if there is one."
          value={url}
          onChange={setUrl}
          error={fieldError(error, "url")}
        />
        <TextArea
          id="concern-seen"
          label="What did you see?"
          hint="Say briefly where and when, so it can be found. Avoid repeating patients' details."
          value={seen}
          onChange={setSeen}
          error={fieldError(error, "seen")}
        />
        <TextArea
          id="concern-includedText"
          label="Text of the post (optional)"
          hint="Copy it here only if you want it kept with the concern."
          value={included}
          onChange={setIncluded}
          error={fieldError(error, "includedText")}
        />
        <Button busy={busy}>Report the concern</Button>
      </form>
    </>
  );
}
