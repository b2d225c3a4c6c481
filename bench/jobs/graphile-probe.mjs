// Run from a scratch folder with graphile-worker installed (it is not a dependency of safepost).
// Probe: graphile-worker on PostgreSQL (it needs a pg.Pool / connection string: no custom executor for PGlite).
import { run, makeWorkerUtils } from "graphile-worker";
const N = Number(process.env.N ?? 500);
const connectionString = process.env.DATABASE_URL;
const pg = (await import("pg")).default;
const pool = new pg.Pool({ connectionString });
await pool.query("drop schema if exists probe_gw cascade");
const t0 = performance.now();
const utils = await makeWorkerUtils({ connectionString, schema: "probe_gw" });
await utils.migrate();
const tStarted = performance.now();
// transactional add_job, rolled back
const c = await pool.connect();
await c.query("begin");
await c.query("select probe_gw.add_job('probe', json_build_object('n', -1))");
await c.query("rollback");
c.release();
const tE = performance.now();
for (let i = 0; i < N; i++) await utils.addJob("probe", { n: i });
const tEnq = performance.now();
let done = 0;
let resolve;
const finished = new Promise((r) => (resolve = r));
const runner = await run({
  connectionString,
  schema: "probe_gw",
  concurrency: 4,
  noHandleSignals: true,
  pollInterval: 500,
  taskList: {
    probe: async () => {
      if (++done >= N) resolve();
    },
  },
});
await finished;
const tProc = performance.now();
const left = (await pool.query("select count(*)::int as n from probe_gw._private_jobs")).rows[0].n;
console.log(
  JSON.stringify({
    kind: "graphile-worker/postgres",
    migrateMs: Math.round(tStarted - t0),
    enqueuePerSec: Math.round(N / ((tEnq - tE) / 1000)),
    processPerSec: Math.round(N / ((tProc - tEnq) / 1000)),
    rolledBackLeft: left,
  }),
);
await runner.stop();
await utils.release();
await pool.query("drop schema probe_gw cascade");
await pool.end();
