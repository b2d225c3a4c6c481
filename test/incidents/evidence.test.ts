// Evidence on a case: kept with its SHA-256 and the type its content shows; an empty file, one over 20 MB and a
// non-image named like an image are refused in plain words and nothing is stored; only those who may see the
// case may add or download evidence, and each download is audited.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import { incidentResponse } from "../../src/contracts";
import type { Client } from "../support/http";
import { incidentPractice } from "./support";

// The first bytes of a PNG, then some invented content: the type is read from the content.
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from("made-up screenshot"),
]);

for (const kind of databaseKinds) {
  describe(`evidence on a case (${kind.name})`, () => {
    let database: OpenDatabase;
    let ctx: ReturnType<typeof testContext>;
    let t: Awaited<ReturnType<typeof incidentPractice>>;
    let url: string;
    const upload = (c: Client, bytes: Buffer, name: string) =>
      c.request("POST", `${url}/evidence?name=${encodeURIComponent(name)}`, bytes, {
        "content-type": "application/octet-stream",
      });
    const stored = async () =>
      Number(
        (
          await ctx.db
            .selectFrom("incident_evidence")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      t = await incidentPractice(ctx, "ash");
      const r = await t.as.admin.post(`${t.base}/incidents`, {
        type: "conduct",
        title: "Invented case for evidence",
        subjectIds: [t.ids.subject],
        investigatorIds: [t.ids.investigator],
      });
      url = `${t.base}/incidents/${r.body.id}`;
    });
    after(async () => {
      await t.app.close();
      await database.close();
    });

    it("keeps a screenshot with its SHA-256 and its type read from its content", async () => {
      const r = await upload(t.as.investigator, PNG, "screenshot.jpg");
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.mimeType, "image/png", "the name said JPEG; the content is PNG");
      assert.equal(r.body.sha256, createHash("sha256").update(PNG).digest("hex"));
      const view = await t.as.admin.get(url);
      incidentResponse.strict().parse(view.body);
      assert.equal(view.body.evidence.length, 1);
      assert.equal(view.body.evidence[0].fileName, "screenshot.jpg");
      const file = await t.as.admin.get(`${url}/evidence/${r.body.id}`);
      assert.equal(file.status, 200);
      assert.equal(file.headers["content-type"], "image/png");
      const raw = await t.app.inject({
        method: "GET",
        url: `${url}/evidence/${r.body.id}`,
        headers: { cookie: t.as.admin.cookie! },
      });
      assert.equal(
        createHash("sha256").update(raw.rawPayload).digest("hex"),
        r.body.sha256,
        "the same bytes",
      );
      const audit = await ctx.db
        .selectFrom("audit_log")
        .select("actor_id")
        .where("action", "=", "incident.evidence-downloaded")
        .execute();
      assert.deepEqual(
        audit.map((a) => a.actor_id),
        [t.ids.admin, t.ids.admin],
        "each of the two downloads is in the audit",
      );
    });

    it("refuses an empty file, one over 20 MB and a text file named like an image, storing nothing", async () => {
      const before = await stored();
      const empty = await upload(t.as.admin, Buffer.alloc(0), "nothing.png");
      assert.equal(empty.status, 400, empty.text);
      assert.match(empty.body.error.message, /empty/);
      const big = await upload(t.as.admin, Buffer.concat([PNG, Buffer.alloc(20 * 1024 * 1024)]), "big.png");
      assert.equal(big.status, 413, big.text);
      assert.match(big.body.error.message, /larger than 20 MB/);
      const fake = await upload(t.as.admin, Buffer.from("not really a picture"), "photo.png");
      assert.equal(fake.status, 400);
      assert.match(fake.body.error.message, /not a picture .* or a PDF, whatever its name says/);
      assert.equal(await stored(), before);
    });

    it("the subject, other staff and another practice get 404 on adding or downloading evidence", async () => {
      const before = await stored();
      const [first] = (await t.as.admin.get(url)).body.evidence;
      for (const who of ["subject", "staff", "outsider"] as const) {
        assert.equal((await upload(t.as[who], PNG, "x.png")).status, 404, who);
        assert.equal((await t.as[who].get(`${url}/evidence/${first.id}`)).status, 404, who);
      }
      assert.equal(await stored(), before);
      assert.equal((await t.as.admin.get(`${url}/evidence/not-an-id`)).status, 404);
    });
  });
}
