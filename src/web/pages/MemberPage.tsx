import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import type { Role } from "../../core/roles";
import { ApiError, api, type Member } from "../api";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { Button, Checkboxes } from "../components/Fields";
import { Banner, LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, useFocusWhen, usePageTitle, useSubmit } from "../hooks";
import { usePractice } from "../layouts";
import { ResetTwoStepPanel } from "./two-factor/ResetTwoStepPanel";
import { useSession, useSignedIn } from "../session";
import { formatDate, ROLE_OPTIONS } from "./staff/roles";

function RolesForm({ member, onSaved }: { member: Member; onSaved: (m: Member) => void }) {
  const { practice } = usePractice();
  const session = useSignedIn();
  const { refresh } = useSession();
  const [roles, setRoles] = useState<Role[]>(member.roles);
  const { busy, error, setError, submit } = useSubmit();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (roles.length === 0) {
      setError(
        new ApiError(400, "invalid-input", "Choose at least one role.", {
          roles: "Choose at least one role.",
        }),
      );
      return;
    }
    void submit(async () => {
      const saved = await api.setRoles(practice.id, member.userId, roles);
      onSaved(saved);
      // Changing one's own roles changes what the header and pages offer.
      if (member.userId === session.user.id) await refresh();
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary items={summaryFromError(error, "", ["roles"])} />
      <Checkboxes
        id="roles"
        legend="Roles"
        options={ROLE_OPTIONS}
        values={roles}
        onChange={setRoles}
        error={fieldError(error, "roles")}
      />
      <Button busy={busy}>Save roles</Button>
    </form>
  );
}

function ActivationPanel({ member, onChanged }: { member: Member; onChanged: (m: Member) => void }) {
  const { practice } = usePractice();
  const [confirming, setConfirming] = useState(false);
  const { busy, error, submit } = useSubmit();
  // Move focus to the question, so keyboard and screen reader users meet it next.
  const questionRef = useFocusWhen<HTMLHeadingElement>(confirming);
  const change = (action: "deactivate" | "reactivate") =>
    void submit(async () => {
      const updated =
        action === "deactivate"
          ? await api.deactivate(practice.id, member.userId)
          : await api.reactivate(practice.id, member.userId);
      setConfirming(false);
      onChanged(updated);
    });

  if (!member.active) {
    if (!member.allowed.includes("reactivate")) return null;
    return (
      <>
        <h2>Deactivated</h2>
        <ErrorSummary items={summaryFromError(error)} />
        <p>
          {member.name} was deactivated on {formatDate(member.deactivatedAt)} and cannot use safepost for{" "}
          {practice.name}.
        </p>
        <Button type="button" variant="secondary" busy={busy} onClick={() => change("reactivate")}>
          Reactivate {member.name}
        </Button>
      </>
    );
  }
  if (!member.allowed.includes("deactivate")) return null;
  return (
    <>
      <h2>Leaving the practice</h2>
      <ErrorSummary items={summaryFromError(error)} />
      {confirming ? (
        <div className="nhsuk-card nhsuk-card--warning" data-testid="confirm-deactivate">
          <div className="nhsuk-card__content">
            <h3 className="nhsuk-card__heading" tabIndex={-1} ref={questionRef}>
              Deactivate {member.name}?
            </h3>
            <p className="nhsuk-card__description">
              They will be signed out at once and will not be able to sign in to {practice.name}. Their past
              actions stay in the audit log. You can reactivate them later.
            </p>
            <div className="sp-inline-actions">
              <Button type="button" variant="warning" busy={busy} onClick={() => change("deactivate")}>
                Yes, deactivate {member.name}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
            </div>
          </div>
        </div>
      ) : (
        <>
          <p>
            When someone leaves, deactivate them: their sessions end at once and they can no longer sign in to
            this practice.
          </p>
          <Button type="button" variant="warning" onClick={() => setConfirming(true)}>
            Deactivate {member.name}
          </Button>
        </>
      )}
    </>
  );
}

/** An admin manages one member: roles, and deactivation when they leave. */
export default function MemberPage() {
  const { practice, path } = usePractice();
  const me = useSignedIn();
  const { userId = "" } = useParams();
  const [notice, setNotice] = useState<string | null>(null);
  const loaded = useApi(() => api.members(practice.id), practice.id);
  const [override, setOverride] = useState<Member | null>(null);
  const fromList = loaded.status === "ok" ? loaded.data.members.find((m) => m.userId === userId) : undefined;
  const member = override?.userId === userId ? override : fromList;
  usePageTitle(member?.name ?? "Member", practice.name);

  const updated = (m: Member, message: string) => {
    setOverride(m);
    setNotice(message);
  };

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Link className="nhsuk-back-link" to={path("staff")}>
          Back to staff
        </Link>
        {notice ? (
          <Banner title="Done" success>
            <p className="nhsuk-notification-banner__heading">{notice}</p>
          </Banner>
        ) : null}
        {loaded.status === "loading" ? (
          <>
            <h1>Member</h1>
            <Loading />
          </>
        ) : null}
        {loaded.status === "error" ? (
          <>
            <h1>Member</h1>
            <LoadError error={loaded.error} />
          </>
        ) : null}
        {loaded.status === "ok" && !member ? (
          <>
            <h1>Member not found</h1>
            <p>This person is not a member of {practice.name}.</p>
          </>
        ) : null}
        {member ? (
          <>
            <span className="nhsuk-caption-l">{practice.name}</span>
            <h1>{member.name}</h1>
            <p>
              {member.email} · joined {formatDate(member.joinedAt)}
            </p>
            {member.active && member.allowed.includes("change-roles") ? (
              <RolesForm
                key={member.roles.join()}
                member={member}
                onSaved={(m) => updated(m, `Roles saved for ${m.name}.`)}
              />
            ) : null}
            {member.active && member.userId !== me.user.id ? (
              <ResetTwoStepPanel practiceId={practice.id} userId={member.userId} name={member.name} />
            ) : null}
            <ActivationPanel
              member={member}
              onChanged={(m) =>
                updated(
                  m,
                  m.active ? `${m.name} was reactivated.` : `${m.name} was deactivated and signed out.`,
                )
              }
            />
          </>
        ) : null}
      </div>
    </div>
  );
}
