// A practice for the incident register: its admin, an approver (a decider), the member a case is about (the
// poster), an investigator (the staff representative), a staff member with no part, and another practice's admin.
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../src/app/context";
import { Client, seedPractice, testServer } from "../support/http";

export async function incidentPractice(ctx: AppContext, slug: string) {
  const app: FastifyInstance = await testServer(ctx);
  const seed = await seedPractice(ctx, slug);
  const other = await seedPractice(ctx, `${slug}-other`);
  let n = 0;
  const client = async (email: string): Promise<Client> => {
    const c = new Client(app, `10.11.${n >> 8}.${++n & 255}`);
    const r = await c.signIn(email);
    if (r.status !== 200) throw new Error(`sign-in failed for ${email}: ${r.text}`);
    return c;
  };
  const as = {
    admin: await client(seed.people.admin.email),
    approver: await client(seed.people.approver.email),
    subject: await client(seed.people.poster.email),
    investigator: await client(seed.people["staff-rep"].email),
    staff: await client(seed.people.staff.email),
    outsider: await client(other.people.admin.email),
  };
  const ids = {
    admin: seed.people.admin.id,
    approver: seed.people.approver.id,
    subject: seed.people.poster.id,
    investigator: seed.people["staff-rep"].id,
    staff: seed.people.staff.id,
    otherAdmin: other.people.admin.id,
  };
  const base = `/api/practices/${seed.practice.id}`;
  const put = (c: Client, url: string, body: unknown) => c.request("PUT", url, body);
  return { app, seed, other, as, ids, base, put };
}

/** How many rows a table holds (to show that a refused request wrote nothing). */
export async function rowCount(
  ctx: AppContext,
  table:
    "incidents" | "incident_actions" | "incident_people" | "disciplinary_steps" | "incident_aware_changes",
): Promise<number> {
  const r = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
