import { randomBytes } from "node:crypto";
import type { Role } from "../../core/roles";
import type { AppContext } from "../context";
import { appendAudit } from "../audit/audit-log";
import { createPractice } from "../practices/create-practice";
import { addMembership, createUser } from "../users/create-user";
import { hashPassword } from "../auth/passwords";
import { demoSetupHooks } from "./hooks";

export const DEMO_SLUG = "riverside";

export const DEMO_SETTINGS = {
  phone: "01234 567890",
  emailDomains: ["riverside.example"],
  website: "https://riverside.example",
  onlineConsultationUrl: "https://riverside.example/online-consultation",
  complaintsProcedureUrl: "https://riverside.example/complaints",
  places: ["Riverside", "Millbrook"],
  aliases: ["Riverside Surgery", "Riverside"],
};

export const DEMO_USERS: { email: string; name: string; roles: Role[] }[] = [
  { email: "manager@riverside.example", name: "Priya Shah", roles: ["admin", "staff"] },
  { email: "partner@riverside.example", name: "Dr Tom Okafor", roles: ["approver", "staff"] },
  { email: "comms@riverside.example", name: "Jess Wilde", roles: ["poster", "staff"] },
  { email: "reception@riverside.example", name: "Alan Brooks", roles: ["staff"] },
  { email: "staffrep@riverside.example", name: "Maria Lopes", roles: ["staff-rep", "staff"] },
];

/**
 * Creates the demo practice "Riverside Surgery" once, with one person per role, and prints how to sign in.
 * Never twice: a second start (or a second instance) finds it and only reminds who the users are.
 */
export async function ensureDemo(
  ctx: AppContext,
  password: string | undefined,
  /** Prints one line; `secret` marks the password line, which a machine-read log must never receive. */
  print: (line: string, secret?: boolean) => void,
): Promise<void> {
  const existing = await ctx.db
    .selectFrom("practices")
    .select("id")
    .where("slug", "=", DEMO_SLUG)
    .executeTakeFirst();
  if (existing) {
    print(
      `Demo practice "Riverside Surgery" is ready; sign in as ${DEMO_USERS[0]!.email} (see its password again with: safepost demo show-password).`,
    );
    return;
  }
  const pass = password ?? randomBytes(9).toString("base64url");
  let practiceId: string;
  try {
    practiceId = (
      await createPractice(ctx.db, {
        slug: DEMO_SLUG,
        name: "Riverside Surgery",
        settings: DEMO_SETTINGS,
        // A newcomer tries safepost at once; a real practice asks its admins, approvers and posters for it.
        twoFactor: "off",
      })
    ).id;
  } catch {
    return; // another instance created it a moment ago
  }
  // Kept so `safepost demo show-password` can print it again; deleted with the demo practice.
  await ctx.db.insertInto("demo_credentials").values({ practice_id: practiceId, password: pass }).execute();
  // One hash for the five people who share the demo password: argon2 is slow on purpose, and each hash of its
  // own lengthened the first start.
  const passwordHash = await hashPassword(pass);
  for (const u of DEMO_USERS) {
    const user = await createUser(ctx.db, { email: u.email, name: u.name, password: pass, passwordHash });
    await addMembership(ctx.db, practiceId, user.id, u.roles, ctx.now());
  }
  for (const hook of demoSetupHooks) await hook(ctx, practiceId);
  await appendAudit(
    ctx.db,
    { practiceId, actorId: null, action: "demo.created", targetType: "practice", targetId: practiceId },
    ctx.now(),
  );
  print(`Created the demo practice "Riverside Surgery". Sign in at ${ctx.baseUrl} with any of:`);
  for (const u of DEMO_USERS) print(`  ${u.email.padEnd(30)} ${u.roles.join(", ")}`);
  print(`  password: ${pass}${password ? " (from SAFEPOST_DEMO_PASSWORD)" : ""}`, true);
}

/** The demo practice's shared password, for `safepost demo show-password`. */
export async function demoPassword(
  ctx: AppContext,
): Promise<{ password: string } | "no-demo" | "not-recorded"> {
  const practice = await ctx.db
    .selectFrom("practices")
    .leftJoin("demo_credentials", "demo_credentials.practice_id", "practices.id")
    .select(["practices.id", "demo_credentials.password"])
    .where("practices.slug", "=", DEMO_SLUG)
    .executeTakeFirst();
  if (!practice) return "no-demo";
  return practice.password ? { password: practice.password } : "not-recorded";
}
