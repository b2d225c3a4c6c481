import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { Client, seedPractice, testServer } from "../support/http";
import type { OpenDatabase } from "../../src/store/database";

for (const kind of databaseKinds) {
  describe(`practice settings (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let admin: Client;
    let url: string;
    before(async () => {
      database = await kind.open();
      const ctx = testContext(database);
      app = await testServer(ctx);
      const seed = await seedPractice(ctx, "rowan");
      url = `/api/practices/${seed.practice.id}/settings`;
      admin = new Client(app, "10.5.0.1");
      await admin.signIn("admin@rowan.example");
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("an admin saves the practice's details, which every member can read", async () => {
      const start = (await admin.get(url)).body;
      assert.equal(start.settings.phone, "");
      const saved = await admin.request("PUT", url, {
        revision: start.revision,
        name: "Rowan Medical Centre",
        settings: {
          phone: "01632 960123",
          emailDomains: ["Rowan.NHS.uk"],
          places: ["Rowanbridge"],
          onlineConsultationUrl: "https://rowan.example/consult",
        },
      });
      assert.equal(saved.status, 200);
      assert.equal(saved.body.settings.emailDomains[0], "rowan.nhs.uk");
      assert.equal(saved.body.revision, start.revision + 1);
      const staff = new Client(app, "10.5.0.2");
      await staff.signIn("staff@rowan.example");
      const read = await staff.get(url);
      assert.equal(read.body.name, "Rowan Medical Centre");
      assert.equal(read.body.settings.phone, "01632 960123");
      assert.equal(
        (await staff.request("PUT", url, { revision: read.body.revision, name: "X", settings: {} })).status,
        403,
      );
    });

    it("the second of two concurrent saves gets a clear conflict and overwrites nothing", async () => {
      const current = (await admin.get(url)).body;
      const first = await admin.request("PUT", url, {
        revision: current.revision,
        name: current.name,
        settings: { ...current.settings, phone: "01632 960999" },
      });
      assert.equal(first.status, 200);
      const second = await admin.request("PUT", url, {
        revision: current.revision,
        name: current.name,
        settings: { ...current.settings, phone: "01632 960000" },
      });
      assert.equal(second.status, 409);
      assert.match(second.body.error.message, /someone else saved/i);
      assert.equal((await admin.get(url)).body.settings.phone, "01632 960999");
    });

    it("refuses settings that are not valid, naming the field, and changes nothing", async () => {
      const current = (await admin.get(url)).body;
      const bad = await admin.request("PUT", url, {
        revision: current.revision,
        name: current.name,
        settings: { phone: "call me", website: "not a url" },
      });
      assert.equal(bad.status, 400);
      assert.ok(bad.body.error.fields["settings.phone"]);
      assert.ok(bad.body.error.fields["settings.website"]);
      // Every problem at once, in the Settings page's words: never an internal key.
      assert.equal(bad.body.error.message, "Please correct 2 settings: Phone number, Website.");
      assert.match(bad.body.error.fields["settings.website"], /^Website: Enter a full web address/);
      const one = await admin.request("PUT", url, {
        revision: current.revision,
        name: current.name,
        settings: { onlineConsultationUrl: "nope" },
      });
      assert.equal(
        one.body.error.message,
        "Online consultation link: Enter a full web address starting with https://.",
      );
      assert.equal(
        (await admin.request("PUT", url, { revision: "one", name: "x", settings: {} })).status,
        400,
      );
      assert.equal(
        (await admin.request("PUT", url, { revision: current.revision, name: "   ", settings: {} })).status,
        400,
      );
      assert.deepEqual((await admin.get(url)).body, current);
    });
  });
}
