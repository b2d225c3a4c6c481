// A practice with its posting team signed in: a poster, a second poster who is also an approver, an approver,
// the practice manager and a staff member; and another practice, for 404s.
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../src/app/context";
import { addMembership, createUser } from "../../src/app/users/create-user";
import { Client, PASSWORD, seedPractice, testServer } from "../support/http";

export const SAFE_TEXT = "Flu clinics open on Saturday mornings this month; book through the NHS App.";
/** A made-up patient with an age, a street and a condition: the checker says do not post. */
export const RISKY_TEXT =
  "Lovely chat today with Mrs Dorothy Pennington, 91, of 4 Quarry Lane, about her heart failure tablets.";

export async function postingPractice(ctx: AppContext, slug: string) {
  const app: FastifyInstance = await testServer(ctx);
  const seed = await seedPractice(ctx, slug);
  const both = await createUser(ctx.db, {
    email: `both@${slug}.example`,
    name: `both of ${slug}`,
    password: PASSWORD,
  });
  await addMembership(ctx.db, seed.practice.id, both.id, ["poster", "approver", "staff"], ctx.now());
  const other = await seedPractice(ctx, `${slug}-other`);
  let n = 0;
  const emails = new Map<Client, string>();
  const signIn = async (c: Client, email: string): Promise<void> => {
    const r = await c.signIn(email);
    if (r.status !== 200) throw new Error(`sign-in failed for ${email}: ${r.text}`);
  };
  const client = async (email: string): Promise<Client> => {
    const c = new Client(app, `10.9.${n >> 8}.${++n & 255}`);
    await signIn(c, email);
    emails.set(c, email);
    return c;
  };
  const as = {
    poster: await client(seed.people.poster.email),
    both: await client(both.email),
    approver: await client(seed.people.approver.email),
    admin: await client(seed.people.admin.email),
    staff: await client(seed.people.staff.email),
    outsider: await client(other.people.poster.email),
  };
  const base = `/api/practices/${seed.practice.id}`;
  const channels = (await as.poster.get(`${base}/channels`)).body.channels as { id: string; kind: string }[];
  const website = channels.find((c) => c.kind === "website")!;
  /** Signs everyone in again (after a test moves the clock past their sessions' end). */
  const signInAgain = async (): Promise<void> => {
    for (const [c, email] of emails) await signIn(c, email);
  };
  return { app, seed, both, other, as, base, website, signInAgain };
}

/** How many rows a table holds (to show that a refused request wrote nothing). */
export async function rowCount(ctx: AppContext, table: "posts" | "post_events" | "audit_log" | "deliveries") {
  const r = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
