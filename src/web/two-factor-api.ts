// The API of two-step sign-in (src/server/routes/two-factor.ts), beside api.ts.
import { request, type Session } from "./api";

/** What the second step of signing in offers. */
export interface SecondFactorState {
  /** No factor yet: one must be set up before the session starts. */
  enrol: boolean;
  totp: boolean;
  passkey: boolean;
  recoveryCodes: boolean;
}

export type SignInAnswer = Session | { secondFactor: SecondFactorState };

export const needsSecondStep = (a: SignInAnswer): a is { secondFactor: SecondFactorState } =>
  "secondFactor" in a;

export interface TotpSetup {
  secret: string;
  uri: string;
  qrCode: string;
}

export interface AccountTwoFactor {
  required: boolean;
  totp: boolean;
  recoveryCodesLeft: number;
  passkeys: { id: string; name: string; createdAt: string; lastUsedAt: string | null }[];
}

export interface NhsmailSettings {
  issuer: string;
  clientId: string;
  hasClientSecret: boolean;
}

export type SignInSettings = { twoFactor: "roles" | "everyone" | "off" };

const post = <T>(path: string, body: unknown = {}) => request<T>("POST", path, body);

export const twoFactorApi = {
  signIn: (email: string, password: string) => post<SignInAnswer>("/api/auth/sign-in", { email, password }),
  state: () => request<SecondFactorState>("GET", "/api/auth/two-factor"),
  verifyTotp: (code: string) => post<Session>("/api/auth/two-factor/totp", { code }),
  verifyRecoveryCode: (code: string) => post<Session>("/api/auth/two-factor/recovery-code", { code }),
  startTotpAtSignIn: () => post<TotpSetup>("/api/auth/two-factor/enrol/totp"),
  confirmTotpAtSignIn: (code: string) =>
    post<Session & { recoveryCodes: string[] }>("/api/auth/two-factor/enrol/totp/confirm", { code }),
  passkeyOptions: () => post<unknown>("/api/auth/two-factor/passkey/options"),
  verifyPasskey: (response: unknown) => post<Session>("/api/auth/two-factor/passkey", { response }),
  enrolPasskeyOptions: () => post<unknown>("/api/auth/two-factor/enrol/passkey/options"),
  enrolPasskey: (response: unknown) =>
    post<Session & { recoveryCodes: string[] }>("/api/auth/two-factor/enrol/passkey", { response }),

  account: () => request<AccountTwoFactor>("GET", "/api/account/two-factor"),
  startTotp: () => post<TotpSetup>("/api/account/two-factor/totp"),
  confirmTotp: (code: string) =>
    post<{ recoveryCodes: string[] }>("/api/account/two-factor/totp/confirm", { code }),
  removeTotp: () => request<void>("DELETE", "/api/account/two-factor/totp"),
  newRecoveryCodes: () => post<{ recoveryCodes: string[] }>("/api/account/two-factor/recovery-codes"),
  addPasskeyOptions: () => post<unknown>("/api/account/passkeys/options"),
  addPasskey: (response: unknown, name: string) =>
    post<{ recoveryCodes: string[] }>("/api/account/passkeys", { response, name }),
  removePasskey: (id: string) => request<void>("DELETE", `/api/account/passkeys/${encodeURIComponent(id)}`),

  resetMember: (practiceId: string, userId: string) =>
    post<void>(
      `/api/practices/${encodeURIComponent(practiceId)}/members/${encodeURIComponent(userId)}/two-factor/reset`,
    ),
  nhsmailPractices: () =>
    request<{ practices: { slug: string; name: string }[] }>("GET", "/api/auth/nhsmail"),
  nhsmailSettings: (practiceId: string) =>
    request<{ nhsmail: NhsmailSettings | null }>(
      "GET",
      `/api/practices/${encodeURIComponent(practiceId)}/nhsmail`,
    ),
  saveNhsmail: (practiceId: string, input: { issuer: string; clientId: string; clientSecret?: string }) =>
    request<{ nhsmail: NhsmailSettings }>(
      "PUT",
      `/api/practices/${encodeURIComponent(practiceId)}/nhsmail`,
      input,
    ),
  removeNhsmail: (practiceId: string) =>
    request<void>("DELETE", `/api/practices/${encodeURIComponent(practiceId)}/nhsmail`),
  signInSettings: (practiceId: string) =>
    request<SignInSettings>("GET", `/api/practices/${encodeURIComponent(practiceId)}/sign-in-settings`),
  saveSignInSettings: (practiceId: string, twoFactor: "roles" | "everyone") =>
    request<SignInSettings>("PUT", `/api/practices/${encodeURIComponent(practiceId)}/sign-in-settings`, {
      twoFactor,
    }),
};
