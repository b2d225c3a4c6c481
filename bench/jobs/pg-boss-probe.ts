/* eslint-disable @typescript-eslint/no-explicit-any, no-empty -- a throwaway probe over untyped adapter internals */
// Probe: pg-boss over PGlite (through Kysely's connection queue) and over PostgreSQL.
import { PgBoss } from "pg-boss";
import { fromKysely, fromPglite } from "pg-boss";
import { Kysely, sql } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import { PGlite } from "@electric-sql/pglite";

const N = Number(process.env.N ?? 500);
async function probe(kind: string) {
  let boss: PgBoss;
  let db: Kysely<any>;
  let close = async () => {};
  const t0 = performance.now();
  if (kind === "pglite") {
    const pglite = new PGlite();
    await pglite.waitReady;
    db = new Kysely<any>({ dialect: new PGliteDialect(pglite) });
    const inner = fromPglite(pglite);
    boss = new PgBoss({
      backend: "pglite",
      db: {
        executeSql: (t: string, v?: unknown[]) => db.connection().execute(() => inner.executeSql(t, v)),
        setSessionStatements: (s: string[]) => db.connection().execute(() => inner.setSessionStatements!(s)),
      } as any,
    } as any);
    close = async () => {
      await pglite.close();
    };
  } else {
    const url = process.env.DATABASE_URL!;
    const pg = (await import("pg")).default;
    db = new Kysely<any>({
      dialect: new (await import("kysely")).PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }),
    });
    await sql`drop schema if exists probe_boss cascade`.execute(db);
    boss = new PgBoss({ connectionString: url, schema: "probe_boss" });
    close = async () => {
      await db.destroy();
    };
  }
  boss.on("error", (e) => console.error("boss error", e));
  const tReady = performance.now();
  await boss.start();
  const tStarted = performance.now();
  await boss.createQueue("probe");
  // transactional send, then rollback
  await sql`create table if not exists probe_t (id int)`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await sql`insert into probe_t values (1)`.execute(trx);
      await boss.send("probe", { n: -1 }, { db: fromKysely(trx) });
      throw new Error("rollback");
    });
  } catch {}
  await db.transaction().execute(async (trx) => {
    await boss.send("probe", { n: -2 }, { db: fromKysely(trx), id: "00000000-0000-4000-8000-000000000001" });
  });
  const dupe = await boss
    .send("probe", { n: -3 }, { id: "00000000-0000-4000-8000-000000000001" })
    .catch((e) => "ERR " + e.message);
  const queued1 = await boss.findJobs("probe", { queued: true });
  console.log(
    kind,
    "after rollback+commit queued:",
    queued1.map((j: any) => j.data.n),
    "dupe id send ->",
    dupe,
  );
  const tE = performance.now();
  for (let i = 0; i < N; i++) await boss.send("probe", { n: i });
  const tEnq = performance.now();
  let done = 0;
  const finished = new Promise<void>((res) => {
    void boss.work("probe", { batchSize: 20, pollingIntervalSeconds: 0.5 }, async (jobs: any[]) => {
      done += jobs.length;
      if (done >= N + 1) res();
    });
  });
  await finished;
  const tProc = performance.now();
  console.log(
    JSON.stringify({
      kind,
      openMs: Math.round(tReady - t0),
      startMs: Math.round(tStarted - tReady),
      enqueuePerSec: Math.round(N / ((tEnq - tE) / 1000)),
      processPerSec: Math.round((N + 1) / ((tProc - tEnq) / 1000)),
    }),
  );
  await boss.stop({ graceful: false, wait: true } as any);
  await close();
}
for (const k of (process.env.KINDS ?? "pglite").split(",")) await probe(k);
