import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import type { Role } from "../../core/roles";
import { ApiError, api } from "../api";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { Button, Checkboxes, TextField } from "../components/Fields";
import { usePageTitle, useSubmit } from "../hooks";
import { usePractice } from "../layouts";
import { ROLE_OPTIONS } from "./staff/roles";

/** An admin invites someone by email, with the roles they will hold. */
export default function InviteMemberPage() {
  const { practice, path } = usePractice();
  usePageTitle("Invite someone", practice.name);
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [roles, setRoles] = useState<Role[]>(["staff"]);
  const { busy, error, setError, submit } = useSubmit();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = "Enter the person's name.";
    if (!email.trim()) problems.email = "Enter their email address.";
    if (roles.length === 0) problems.roles = "Choose at least one role.";
    if (Object.keys(problems).length) {
      setError(new ApiError(400, "invalid-input", Object.values(problems)[0]!, problems));
      return;
    }
    void submit(async () => {
      const invite = await api.invite(practice.id, { name: name.trim(), email: email.trim(), roles });
      void navigate(path("staff"), {
        state: { notice: `Invitation sent to ${invite.email}.`, link: invite.link },
      });
    });
  };

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Link className="nhsuk-back-link" to={path("staff")}>
          Back to staff
        </Link>
        <ErrorSummary items={summaryFromError(error, "", ["name", "email", "roles"])} />
        <span className="nhsuk-caption-l">{practice.name}</span>
        <h1>Invite someone</h1>
        <p>They get an email with a link to join. The link works once and expires after a few days.</p>
        <form onSubmit={onSubmit} noValidate>
          <TextField
            id="name"
            label="Full name"
            autoComplete="off"
            value={name}
            onChange={setName}
            error={fieldError(error, "name")}
            width="30"
          />
          <TextField
            id="email"
            label="Email address"
            type="email"
            autoComplete="off"
            hint="Use their work address if they have one."
            value={email}
            onChange={setEmail}
            error={fieldError(error, "email")}
            width="30"
          />
          <Checkboxes
            id="roles"
            legend="Roles"
            hint="Select every role they will hold. Everyone who should read and acknowledge the policy needs Staff member."
            options={ROLE_OPTIONS}
            values={roles}
            onChange={setRoles}
            error={fieldError(error, "roles")}
          />
          <Button busy={busy}>Send invitation</Button>
        </form>
      </div>
    </div>
  );
}
