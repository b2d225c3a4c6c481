import { useState } from "react";
import { Link, useLocation } from "react-router-dom";
import { api, type Invite, type Member } from "../api";
import { ErrorSummary, summaryFromError } from "../components/ErrorSummary";
import { Banner, LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, useFocusWhen, usePageTitle, useSubmit } from "../hooks";
import { usePractice } from "../layouts";
import { formatDate, shortRole } from "./staff/roles";

/**
 * The column heading shown inside each cell when a responsive table stacks on a small screen. The tables carry
 * explicit roles (table, rowgroup, row, columnheader, cell) as nhsuk-frontend's responsive table does, so a
 * screen reader that drops a table's meaning once CSS stacks it (Safari with VoiceOver) still reads a table.
 */
function Rh({ children }: { children: string }) {
  return (
    <span className="nhsuk-table-responsive__heading" aria-hidden="true">
      {children}{" "}
    </span>
  );
}

function StatusTag({ member }: { member: Member }) {
  return member.active ? (
    <strong className="nhsuk-tag nhsuk-tag--green">Active</strong>
  ) : (
    <strong className="nhsuk-tag nhsuk-tag--grey">Deactivated</strong>
  );
}

function MembersTable({ members, admin }: { members: Member[]; admin: boolean }) {
  const { path } = usePractice();
  return (
    <table role="table" className="nhsuk-table-responsive" data-testid="members">
      <caption className="nhsuk-table__caption nhsuk-table__caption--m">Members ({members.length})</caption>
      <thead role="rowgroup" className="nhsuk-table__head">
        <tr role="row" className="nhsuk-table__row">
          <th role="columnheader" className="nhsuk-table__header" scope="col">
            Name
          </th>
          <th role="columnheader" className="nhsuk-table__header" scope="col">
            Roles
          </th>
          <th role="columnheader" className="nhsuk-table__header" scope="col">
            Status
          </th>
          {admin ? (
            <th role="columnheader" className="nhsuk-table__header" scope="col">
              <span className="nhsuk-u-visually-hidden">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody role="rowgroup" className="nhsuk-table__body">
        {members.map((m) => (
          <tr role="row" className="nhsuk-table__row" key={m.userId} data-testid={`member-${m.email}`}>
            <td role="cell" className="nhsuk-table__cell">
              <Rh>Name</Rh>
              <span className="sp-strong">{m.name}</span>
              <br />
              <span className="nhsuk-body-s sp-muted">{m.email}</span>
            </td>
            <td role="cell" className="nhsuk-table__cell">
              <Rh>Roles</Rh>
              {m.roles.map(shortRole).join(", ")}
            </td>
            <td role="cell" className="nhsuk-table__cell">
              <Rh>Status</Rh>
              <StatusTag member={m} />
            </td>
            {admin ? (
              <td role="cell" className="nhsuk-table__cell">
                <Rh>Actions</Rh>
                <Link to={path(`staff/${m.userId}`)}>
                  Manage<span className="nhsuk-u-visually-hidden"> {m.name}</span>
                </Link>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PendingInvites({ invites, onRevoked }: { invites: Invite[]; onRevoked: (invite: Invite) => void }) {
  const { practice } = usePractice();
  const { busy, error, submit } = useSubmit();
  const [confirming, setConfirming] = useState<string | null>(null);
  // Focus the safe choice (keep the invitation) when the question appears.
  const keepRef = useFocusWhen<HTMLButtonElement>(confirming);
  if (invites.length === 0)
    return (
      <>
        <h2>Pending invitations</h2>
        <p>There are no invitations waiting to be accepted.</p>
      </>
    );
  return (
    <>
      <ErrorSummary items={summaryFromError(error)} />
      <table role="table" className="nhsuk-table-responsive" data-testid="invites">
        <caption className="nhsuk-table__caption nhsuk-table__caption--m">
          Pending invitations ({invites.length})
        </caption>
        <thead role="rowgroup" className="nhsuk-table__head">
          <tr role="row" className="nhsuk-table__row">
            <th role="columnheader" className="nhsuk-table__header" scope="col">
              Invited
            </th>
            <th role="columnheader" className="nhsuk-table__header" scope="col">
              Roles
            </th>
            <th role="columnheader" className="nhsuk-table__header" scope="col">
              Expires
            </th>
            <th role="columnheader" className="nhsuk-table__header" scope="col">
              <span className="nhsuk-u-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup" className="nhsuk-table__body">
          {invites.map((inv) => (
            <tr role="row" className="nhsuk-table__row" key={inv.id}>
              <td role="cell" className="nhsuk-table__cell">
                <Rh>Invited</Rh>
                <span className="sp-strong">{inv.name}</span>
                <br />
                <span className="nhsuk-body-s sp-muted">{inv.email}</span>
              </td>
              <td role="cell" className="nhsuk-table__cell">
                <Rh>Roles</Rh>
                {inv.roles.map(shortRole).join(", ")}
              </td>
              <td role="cell" className="nhsuk-table__cell">
                <Rh>Expires</Rh>
                {formatDate(inv.expiresAt)}
              </td>
              <td role="cell" className="nhsuk-table__cell">
                <Rh>Actions</Rh>
                {confirming === inv.id ? (
                  <div className="sp-inline-actions">
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--warning nhsuk-button--small"
                      disabled={busy}
                      onClick={() =>
                        void submit(async () => {
                          await api.revokeInvite(practice.id, inv.id);
                          setConfirming(null);
                          onRevoked(inv);
                        })
                      }
                    >
                      Yes, revoke
                      <span className="nhsuk-u-visually-hidden"> the invitation for {inv.email}</span>
                    </button>
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                      onClick={() => setConfirming(null)}
                      ref={keepRef}
                    >
                      Keep<span className="nhsuk-u-visually-hidden"> the invitation for {inv.email}</span>
                    </button>
                  </div>
                ) : (
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                    onClick={() => setConfirming(inv.id)}
                  >
                    Revoke<span className="nhsuk-u-visually-hidden"> the invitation for {inv.email}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The staff directory: every member with roles and status; admins invite, manage and revoke invitations. */
export default function StaffPage() {
  const { practice, can, path } = usePractice();
  usePageTitle("Staff", practice.name);
  // Inviting and managing members are separate practice actions; the server says which this member has.
  const admin = can("manage-invites");
  const manage = can("manage-staff");
  const location = useLocation();
  const navState = location.state as { notice?: string; link?: string } | null;
  const [notice, setNotice] = useState<string | null>(navState?.notice ?? null);
  const inviteLink = notice?.startsWith("Invitation sent") ? navState?.link : undefined;
  const members = useApi(() => api.members(practice.id), practice.id);
  const invites = useApi(
    () => (admin ? api.invites(practice.id) : Promise.resolve({ invites: [] })),
    `${practice.id}:${admin}`,
  );

  return (
    <>
      {notice ? (
        <Banner title="Done" success>
          <p className="nhsuk-notification-banner__heading">{notice}</p>
          {inviteLink ? (
            <>
              <p>
                No mail server is set up, so safepost cannot email them. Send them this link yourself (it
                works once, for 7 days):
              </p>
              <p className="sp-break" data-testid="invite-link">
                <a href={inviteLink}>{inviteLink}</a>
              </p>
            </>
          ) : null}
        </Banner>
      ) : null}
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>Staff</h1>
      {admin ? (
        <p>
          <Link className="nhsuk-button" to={path("staff/invite")}>
            Invite someone
          </Link>
        </p>
      ) : null}
      {members.status === "loading" ? <Loading what="Loading members" /> : null}
      {members.status === "error" ? <LoadError error={members.error} /> : null}
      {members.status === "ok" ? <MembersTable members={members.data.members} admin={manage} /> : null}
      {can("view-my-accounts-summary") ? (
        <p>
          <Link to={path("my-accounts/summary")}>
            Who has completed the personal-account check (My accounts)
          </Link>
        </p>
      ) : null}
      {admin && invites.status === "ok" ? (
        <PendingInvites
          invites={invites.data.invites}
          onRevoked={(inv) => {
            setNotice(`The invitation for ${inv.email} was revoked.`);
            void invites.reload();
          }}
        />
      ) : null}
      {admin && invites.status === "error" ? <LoadError error={invites.error} /> : null}
    </>
  );
}
