// Bluesky's moderation service for the tests: Ozone, the atproto reference implementation (@atproto/ozone,
// started as atproto's own tests start it, through @atproto/dev-env's TestOzone). The PDS is configured to
// send reports here (its report service), signed with the reporting account's key, which Ozone checks against
// the PLC directory. Ozone keeps its reports in PostgreSQL, so it runs only where DATABASE_URL names a server;
// each start takes a schema of its own and drops it on close.
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { TestOzone } from "@atproto/dev-env";
import pg from "pg";

export type Url = `${string}:${string}`;
export type Did = `did:${string}:${string}`;
export interface Service {
  url: Url;
  did: Did;
}

export interface Moderation {
  url: string;
  did: string;
  /** Starts Ozone once the PLC directory and the PDS it reads are up. */
  start(plcUrl: string, pds: Service, appView: Service): Promise<void>;
  /** The reports Ozone holds about a record (its at:// URI), as its moderators see them. */
  reportsOf(uri: string): Promise<{ comment: string; reportType: string; createdBy: string }[]>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A moderation service on a port chosen now (the PDS must know it before it starts), or null without PostgreSQL. */
export async function prepareModeration(): Promise<Moderation | null> {
  const dbUrl = process.env.DATABASE_URL;
  if (!dbUrl) return null;
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const did: Did = "did:web:moderation.test";
  // Ozone takes letters and underscores only in a schema's name.
  const schema = `ozone_${[...randomBytes(10)].map((b) => String.fromCharCode(97 + (b % 26))).join("")}`;
  let ozone: TestOzone | null = null;
  return {
    url,
    did,
    async start(plcUrl, pds, appView) {
      ozone = await TestOzone.create({
        port,
        plcUrl,
        serverDid: did,
        dbPostgresUrl: dbUrl,
        dbPostgresSchema: schema,
        // Ozone reads its labeler profile from an AppView; the notification stand-in has none, and Ozone
        // then accepts every report category, as it does when the AppView is down.
        appviewUrl: appView.url,
        appviewDid: appView.did,
        pdsUrl: pds.url,
        pdsDid: pds.did,
      });
    },
    async reportsOf(uri) {
      if (!ozone) throw new Error("the moderation service has not started");
      const lxm = "tools.ozone.moderation.queryEvents";
      const q = new URLSearchParams({ subject: uri, types: "tools.ozone.moderation.defs#modEventReport" });
      const res = await fetch(`${url}/xrpc/${lxm}?${q}`, { headers: await ozone.modHeaders(lxm) });
      if (!res.ok) throw new Error(`${lxm}: ${res.status}`);
      const body = (await res.json()) as {
        events: { createdBy: string; event: { comment?: string; reportType?: string } }[];
      };
      return body.events.map((e) => ({
        comment: e.event.comment ?? "",
        reportType: e.event.reportType ?? "",
        createdBy: e.createdBy,
      }));
    },
    async close() {
      await ozone?.close();
      const client = new pg.Client({ connectionString: dbUrl });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
