import type { ColumnType, Generated } from "kysely";

/** Timestamps are read as Date and written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp that may be null (Kysely needs the null inside the ColumnType). */
export type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

export interface PracticeTable {
  id: Generated<string>;
  slug: string;
  name: string;
  settings: ColumnType<
    Record<string, unknown>,
    string | Record<string, unknown>,
    string | Record<string, unknown>
  >;
  /** Bumped on every settings save; a save naming an older revision is refused (409). */
  revision: Generated<number>;
  /** Who needs a second factor to sign in: "roles" (admin, approver, poster), "everyone" or "off". */
  two_factor: Generated<string>;
  created_at: Generated<Date>;
  /** Since when the checker's monthly counts are kept (null: the practice has not turned them on). */
  checker_counts_since: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When someone who may change the settings hid "Getting started" for the whole practice (null: shown). */
  onboarding_hidden_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  onboarding_hidden_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface UserTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string | null;
  disabled_at: NullableTimestamp;
  created_at: Generated<Date>;
  /** False when the person turned off the emails that are not essential. */
  optional_emails: Generated<boolean>;
}

/** A "waiting for you" item a member was mailed about, kept until the item is done. */
export interface WaitingNoticeTable {
  practice_id: string;
  user_id: string;
  item_id: string;
  notified_at: Timestamp;
}

export interface MembershipTable {
  practice_id: string;
  user_id: string;
  roles: string[];
  /** When each role was granted or restored ({"approver": ISO time}); separation of duties reads it. */
  role_granted_at: ColumnType<Record<string, string>, string | undefined, string>;
  deactivated_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface SessionTable {
  id: string; // sha-256 of the cookie token: a database leak does not leak live sessions
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface InviteTable {
  id: Generated<string>;
  practice_id: string;
  email: string;
  name: string;
  roles: string[];
  token_hash: string;
  invited_by: string;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface PasswordResetTable {
  token_hash: string;
  user_id: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface LoginAttemptTable {
  id: Generated<string>;
  email: string;
  address: string;
  succeeded: boolean;
  /** Refused by the throttle without checking the password: not counted as a failed guess. */
  throttled: Generated<boolean>;
  at: Timestamp;
}

export interface AuditLogTable {
  /** The entry's number across the installation (an identity): the order entries were written in. */
  seq: Generated<string>;
  /** The hash chain it belongs to: its practice's id, or "installation". */
  chain: string;
  /** Its number within its chain: strictly consecutive, so a deleted row leaves a gap. */
  chain_seq: string;
  practice_id: string | null;
  at: Timestamp;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: ColumnType<Record<string, unknown>, string, string>;
  prev_hash: string;
  hash: string;
}

/** The latest entry of each chain, so truncating a chain's tail is detected too. */
export interface AuditHeadTable {
  chain: string;
  seq: string;
  hash: string;
  at: Timestamp;
}

/** Each verification of a chain, so the audit page shows the last one instead of re-hashing on every view. */
export interface AuditVerificationTable {
  id: Generated<string>;
  chain: string;
  at: Timestamp;
  actor_id: string | null;
  ok: boolean;
  checked: number;
  problems: ColumnType<{ seq: string; problem: string }[], string, string>;
  head_seq: string | null;
  head_hash: string | null;
}

export interface OutboxTable {
  id: Generated<string>;
  practice_id: string | null;
  to_address: string;
  subject: string;
  body: string;
  status: string; // "queued" (its mail.send job has not run yet), "kept" (no SMTP), "sent", "failed" (retried)
  error: string | null;
  /** The mail carries a sign-in link (reset, invitation): its body is kept only until sent and never shown. */
  confidential: Generated<boolean>;
  /** What the outbox shows instead of a confidential mail's body ("A password reset link was sent to …"). */
  summary: string | null;
  created_at: Generated<Date>;
}

export interface PolicyVersionTable {
  id: Generated<string>;
  practice_id: string;
  major: number;
  minor: number;
  change_kind: string; // "major" | "minor"
  status: string; // draft, consultation, approved, published, superseded, discarded
  changelog: string;
  document: ColumnType<unknown, string, string>; // a PolicyDocument (src/core/policy)
  revision: Generated<number>;
  based_on_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  last_edited_by: string | null;
  last_edited_at: Timestamp;
  consultation_started_at: Timestamp | null;
  consultation_closes_on: string | null; // ISO day
  approved_by: string | null;
  approved_at: Timestamp | null;
  published_by: string | null;
  published_at: Timestamp | null;
  review_due: string | null; // ISO day
  superseded_at: Timestamp | null;
  discarded_at: Timestamp | null;
}

export interface PolicyCommentTable {
  id: Generated<string>;
  practice_id: string;
  version_id: string;
  clause_key: string;
  clause_number: string; // as numbered when the comment was made
  clause_title: string;
  author_id: string;
  body: string;
  created_at: Timestamp;
  /** The editor's answer, and whether the point is settled. */
  reply: string | null;
  replied_by: string | null;
  replied_at: Timestamp | null;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
}

/** An approver sent the draft back: what they want changed, about which revision. */
export interface PolicyChangeRequestTable {
  id: Generated<string>;
  practice_id: string;
  version_id: string;
  user_id: string;
  note: string;
  revision: number;
  created_at: Timestamp;
}

export interface PolicyStaffRepDecisionTable {
  id: Generated<string>;
  practice_id: string;
  version_id: string;
  user_id: string;
  decision: string; // "agree" | "object"
  note: string;
  revision: number;
  created_at: Timestamp;
}

export interface PolicyAcknowledgementTable {
  practice_id: string;
  user_id: string;
  major: number;
  version_id: string;
  acknowledged_at: Timestamp;
}

export interface PolicyNoticeTable {
  dedupe_key: string;
  practice_id: string;
  user_id: string | null;
  kind: string;
  sent_at: Timestamp;
}

/** The demo practice's shared password, so `safepost demo show-password` can print it again. */
export interface DemoCredentialTable {
  practice_id: string;
  password: string;
}

/** An authenticator-app secret, encrypted at rest; usable once confirmed with a first code. */
export interface TotpFactorTable {
  user_id: string;
  secret_enc: string;
  confirmed_at: NullableTimestamp;
  /** The last time step accepted, so a code is never accepted twice. */
  last_step: ColumnType<string | null, number | null | undefined, number | null>;
  created_at: Generated<Date>;
}

/** The keyed-hash sub-key of a secret key retired by `safepost secrets rotate`, sealed under the current key. */
export interface RetiredMacKeyTable {
  id: string;
  key_enc: string;
  retired_at: Timestamp;
}

export interface RecoveryCodeTable {
  code_hash: string; // HMAC-SHA-256 under the installation's secret key
  user_id: string;
  used_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface PasskeyTable {
  id: string;
  user_id: string;
  public_key: string;
  counter: ColumnType<string, number | undefined, number>;
  transports: string[];
  name: string;
  created_at: Generated<Date>;
  last_used_at: NullableTimestamp;
}

/** The step between a correct password (or NHSmail) and the second factor. */
export interface SignInChallengeTable {
  id: string; // sha-256 of the cookie token
  user_id: string;
  method: string;
  failures: Generated<number>;
  webauthn_challenge: string | null;
  expires_at: Timestamp;
  created_at: Generated<Date>;
}

export interface PasskeyRegistrationTable {
  user_id: string;
  challenge: string;
  expires_at: Timestamp;
}

export interface PracticeOidcTable {
  practice_id: string;
  issuer: string;
  client_id: string;
  client_secret_enc: string | null;
  updated_at: Generated<Date>;
}

export interface OidcStateTable {
  state_hash: string;
  practice_id: string;
  code_verifier: string;
  nonce: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface OidcIdentityTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: Generated<Date>;
}

/** An image for practice posts, as it is sent: checked, resized, stripped of metadata (src/app/posts/images.ts). */
export interface PostImageTable {
  id: Generated<string>;
  practice_id: string;
  uploaded_by: string;
  sha256: string;
  mime_type: string;
  width: number;
  height: number;
  /** The length of `bytes`, readable without loading them. */
  size: number;
  bytes: Uint8Array;
  created_at: Timestamp;
}

/** A place the practice posts to: a platform account, the practice website, or a manual channel. */
export interface ChannelTable {
  id: Generated<string>;
  practice_id: string;
  kind: string;
  name: string;
  status: Generated<string>;
  footer: string | null;
  max_chars: number | null;
  security: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  api_base: string | null;
  account_id: string | null;
  credentials_enc: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** When the access token expires (null: it does not, or the channel holds none). */
  token_expires_at: NullableTimestamp;
  connected_by: string | null;
  connected_at: NullableTimestamp;
  /** The last failed refresh (the channel then needs reconnecting). */
  refresh_failed_at: NullableTimestamp;
}

/** A practice post: its text, who wrote and approved it, its state and schedule. */
export interface PostTable {
  id: Generated<string>;
  practice_id: string;
  state: string;
  text: string;
  link: string | null;
  author_id: string;
  last_edited_by: string;
  revision: Generated<number>;
  verdict: string | null;
  override_reason: string | null;
  submitted_at: NullableTimestamp;
  approved_by: string | null;
  approved_at: NullableTimestamp;
  approved_verdict: string | null;
  approval_voided: Generated<boolean>;
  changes_note: string | null;
  scheduled_at: NullableTimestamp;
  published_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PostChannelTable {
  post_id: string;
  channel_id: string;
  position: number;
}

/** An image a post carries (post_images.id), in order, with the alt text written for it. */
export interface PostImageLinkTable {
  post_id: string;
  position: number;
  image_id: string;
  alt_text: string;
}

/** One step in a post's life, for its timeline. */
export interface PostEventTable {
  id: Generated<string>;
  seq: Generated<string>;
  practice_id: string;
  post_id: string;
  at: Timestamp;
  actor_id: string | null;
  event: string;
  note: string | null;
}

/** One post on one channel: what the publishing job claims, sends and records. */
export interface DeliveryTable {
  id: Generated<string>;
  practice_id: string;
  post_id: string;
  channel_id: string;
  state: string;
  due_at: Timestamp;
  attempts: Generated<number>;
  claimed_at: NullableTimestamp;
  platform_id: string | null;
  url: string | null;
  error: string | null;
  sent_text: string | null;
  sent_link: string | null;
  published_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A practice's own API app on a platform (src/app/channels/app-credentials.ts); the secret is sealed. */
export interface ChannelAppCredentialTable {
  practice_id: string;
  platform: string;
  /** The Mastodon instance's origin; "" for the other platforms. */
  instance: Generated<string>;
  client_id: string;
  client_secret_enc: string | null;
  registered: Generated<boolean>;
  updated_at: Timestamp;
}

/** Between "Connect" and the platform's answer (src/app/channels/connect.ts): single use, ten minutes. */
export interface ChannelConnectRequestTable {
  id: string;
  state_hash: string;
  practice_id: string;
  user_id: string;
  kind: string;
  channel_id: string | null;
  instance: string | null;
  verifier_enc: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

/** A thread with one person on one channel (the inbox, issue 10). */
export interface InboxConversationTable {
  id: Generated<string>;
  practice_id: string;
  channel_kind: string;
  channel_id: string | null;
  post_id: string | null;
  author_handle: string;
  status: Generated<string>;
  category: string;
  priority: string;
  assignee_id: string | null;
  received_at: Timestamp;
  last_comment_at: Timestamp;
  first_reply_at: NullableTimestamp;
  acknowledge_by: string | null;
  closed_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** JSON written as a string or a value, read as a value. */
type Json<T> = ColumnType<T, string | T, string | T>;

/** One patient's comment, triaged on arrival. `route` and `findings` hold codes, never the comment's words. */
export interface InboxCommentTable {
  id: Generated<string>;
  practice_id: string;
  conversation_id: string;
  channel_kind: string;
  channel_id: string | null;
  platform_id: string | null;
  post_id: string | null;
  post_url: string | null;
  author_handle: string;
  text: string | null;
  received_at: Timestamp;
  source: string;
  category: string;
  checker_category: string | null;
  priority: string;
  route: Json<Record<string, unknown>>;
  findings: Json<{ rule: string; reason: string; severity: string }[]>;
  reply_suggestion: string;
  notified: ColumnType<string[], string | string[] | undefined, string | string[]>;
  text_purged_at: NullableTimestamp;
  created_by: string | null;
  created_at: Timestamp;
  /** The platform's own record of a polled or webhook comment (purged with the text). */
  platform_raw: Json<Record<string, unknown>> | null;
  author_url: string | null;
  platform_url: string | null;
  /** The platform's id of the post it sits under (to find it again on the platform). */
  platform_post_id: string | null;
  /** When it was hidden on the platform through safepost (null: shown). */
  hidden_at: NullableTimestamp;
  /** When safepost deleted it on the platform, blocked its author there, or reported it to the moderators. */
  deleted_at: NullableTimestamp;
  author_blocked_at: NullableTimestamp;
  reported_at: NullableTimestamp;
}

/** One of the practice's reply templates (issue 10, part 4). */
export interface InboxReplyTemplateTable {
  id: Generated<string>;
  practice_id: string;
  category: string;
  name: string;
  text: string;
  pre_approved: Generated<boolean>;
  builtin_key: string | null;
  archived_at: NullableTimestamp;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A reply to a conversation, from its draft to the platform. `findings` holds codes, never words. */
export interface InboxReplyTable {
  id: Generated<string>;
  practice_id: string;
  conversation_id: string;
  comment_id: string;
  template_id: string | null;
  text: string;
  edited: boolean;
  pre_approved: Generated<boolean>;
  by_hand: boolean;
  state: string;
  verdict: string;
  findings: Json<{ rule: string; reason: string; severity: string }[]>;
  author_id: string | null;
  approved_by: string | null;
  approved_at: NullableTimestamp;
  changes_note: string | null;
  changes_by: string | null;
  outcome_message: string | null;
  attempts: Generated<number>;
  platform_id: string | null;
  url: string | null;
  sent_at: NullableTimestamp;
  sent_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An evidence record kept before a comment is hidden, shown again or deleted: immutable and hash-chained. */
export interface InboxEvidenceTable {
  id: Generated<string>;
  practice_id: string;
  seq: number;
  comment_id: string;
  conversation_id: string;
  action: string;
  reason: string;
  note: Generated<string>;
  actor_id: string | null;
  actor_name: string;
  channel_kind: string;
  platform_id: string | null;
  platform_raw: Json<Record<string, unknown>> | null;
  rendered: string;
  author_handle: string;
  author_url: string | null;
  comment_url: string | null;
  received_at: Timestamp;
  recorded_at: Timestamp;
  prev_hash: string;
  hash: string;
}

/** Where a channel's last comment poll stopped. */
export interface InboxPollStateTable {
  channel_id: string;
  practice_id: string;
  cursor: string | null;
  polled_at: NullableTimestamp;
  outcome: string | null;
}

/** A case in the incident register (src/app/incidents). */
export interface IncidentTable {
  id: Generated<string>;
  practice_id: string;
  number: number;
  type: string;
  status: string;
  owner_id: string | null;
  title: string;
  summary: Generated<string>;
  clauses: ColumnType<string[], string | undefined, string>;
  outcome: string | null;
  reported_by: string | null;
  concern_kind: string | null;
  concern_url: string | null;
  concern_seen: string | null;
  concern_text: string | null;
  /** The inbox comment a concern was raised from (null: not from the inbox, or the comment is gone). */
  concern_comment_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** What the checker found, as codes only (rule, reason, severity, clause): never the words it read. */
  concern_findings: ColumnType<
    { rule: string; reason: string; severity: string; clause: string | null }[] | null,
    string | null | undefined,
    string | null
  >;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: NullableTimestamp;
}

/** A person on a case: `subject` (it is about them; they never see it) or `investigator` (they may). */
export interface IncidentPersonTable {
  incident_id: string;
  user_id: string;
  role: string;
  added_at: Timestamp;
}

/** One entry in a case's timeline. */
export interface IncidentActionTable {
  id: Generated<string>;
  seq: Generated<string>;
  incident_id: string;
  at: Timestamp;
  actor_id: string | null;
  kind: string;
  note: string | null;
}

/** A personal data breach's record: the clock, the grading, the decision and the DSPT report's fields. */
export interface IncidentBreachTable {
  incident_id: string;
  aware_at: Timestamp;
  likelihood: number | null;
  severity: number | null;
  vulnerable_group: Generated<boolean>;
  graded_at: NullableTimestamp;
  graded_by: string | null;
  decision: string | null;
  decision_reasons: string | null;
  decided_at: NullableTimestamp;
  decided_by: string | null;
  dspt_reference: string | null;
  people_told: string | null;
  people_told_note: string | null;
  people_told_at: NullableTimestamp;
  report_fields: ColumnType<Record<string, string>, string | undefined, string>;
  reminders_sent: Generated<number>;
  updated_at: Timestamp;
}

/** A change to when the practice became aware of a breach, with its reason. */
export interface IncidentAwareChangeTable {
  id: Generated<string>;
  incident_id: string;
  from_at: Timestamp;
  to_at: Timestamp;
  reason: string;
  changed_by: string | null;
  changed_at: Timestamp;
}

/** The formal disciplinary process on a case: who is named, and the stage its steps reached. */
export interface DisciplinaryCaseTable {
  incident_id: string;
  subject_id: string;
  investigator_id: string;
  decider_id: string;
  stage: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One disciplinary step, in order, as the core's state machine took it. */
export interface DisciplinaryStepTable {
  incident_id: string;
  position: number;
  step: ColumnType<Record<string, unknown>, string, string>;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

/** An evidence file on a case: its bytes, SHA-256 and the type its content shows. */
export interface IncidentEvidenceTable {
  id: Generated<string>;
  incident_id: string;
  file_name: string;
  mime_type: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
}

/** A platform a practice added to the personal-account check (My accounts), beside the seven everyone checks. */
export interface MyAccountPlatformTable {
  practice_id: string;
  key: string;
  name: string;
  added_by: string | null;
  created_at: Timestamp;
}

/** One member's personal-account check: their answers are read by nobody else (docs/my-accounts.md). */
export interface MyAccountCheckTable {
  practice_id: string;
  user_id: string;
  answers: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** Whether the member lets the practice manager see that (and when) they completed it. */
  share_completion: Generated<boolean>;
  /** When the check last became complete; null while it is not. */
  completed_at: NullableTimestamp;
  updated_at: Timestamp;
}

/** How many times the checker ran in the practice's context in a UK month ("2026-12"), when counting is on. */
export interface CheckerMonthlyRunTable {
  practice_id: string;
  month: string;
  runs: number;
}

/** How many of those runs found each rule (a run counts once per rule, however many words it marked). */
export interface CheckerMonthlyCountTable {
  practice_id: string;
  month: string;
  rule: string;
  count: number;
}

/** Every table. Capabilities add theirs here beside their migration. */
export interface Database {
  practices: PracticeTable;
  users: UserTable;
  waiting_notices: WaitingNoticeTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  invites: InviteTable;
  password_resets: PasswordResetTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadTable;
  audit_verifications: AuditVerificationTable;
  outbox: OutboxTable;
  policy_versions: PolicyVersionTable;
  policy_comments: PolicyCommentTable;
  policy_change_requests: PolicyChangeRequestTable;
  policy_staff_rep_decisions: PolicyStaffRepDecisionTable;
  policy_acknowledgements: PolicyAcknowledgementTable;
  policy_notices: PolicyNoticeTable;
  demo_credentials: DemoCredentialTable;
  totp_factors: TotpFactorTable;
  retired_mac_keys: RetiredMacKeyTable;
  recovery_codes: RecoveryCodeTable;
  passkeys: PasskeyTable;
  sign_in_challenges: SignInChallengeTable;
  passkey_registrations: PasskeyRegistrationTable;
  practice_oidc: PracticeOidcTable;
  oidc_states: OidcStateTable;
  oidc_identities: OidcIdentityTable;
  post_images: PostImageTable;
  channels: ChannelTable;
  posts: PostTable;
  post_channels: PostChannelTable;
  post_image_links: PostImageLinkTable;
  post_events: PostEventTable;
  deliveries: DeliveryTable;
  channel_app_credentials: ChannelAppCredentialTable;
  channel_connect_requests: ChannelConnectRequestTable;
  inbox_conversations: InboxConversationTable;
  inbox_comments: InboxCommentTable;
  inbox_evidence: InboxEvidenceTable;
  inbox_reply_templates: InboxReplyTemplateTable;
  inbox_replies: InboxReplyTable;
  inbox_poll_state: InboxPollStateTable;
  incidents: IncidentTable;
  incident_people: IncidentPersonTable;
  incident_actions: IncidentActionTable;
  incident_breaches: IncidentBreachTable;
  incident_aware_changes: IncidentAwareChangeTable;
  disciplinary_cases: DisciplinaryCaseTable;
  disciplinary_steps: DisciplinaryStepTable;
  incident_evidence: IncidentEvidenceTable;
  my_account_platforms: MyAccountPlatformTable;
  my_account_checks: MyAccountCheckTable;
  checker_monthly_runs: CheckerMonthlyRunTable;
  checker_monthly_counts: CheckerMonthlyCountTable;
}
