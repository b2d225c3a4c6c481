import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { databaseKinds } from "../../test/support/databases";
import { migrate, ping, type OpenDatabase } from "./database";

for (const kind of databaseKinds) {
  describe(`database (${kind.name})`, () => {
    let database: OpenDatabase;
    before(async () => {
      database = await kind.open();
    });
    after(async () => {
      await database.close();
    });

    it("answers a ping once migrated", async () => {
      assert.equal(await ping(database.db), true);
    });

    it("running the migrations again changes nothing", async () => {
      assert.deepEqual(await migrate(database.db), []);
    });

    it("keeps two practices' slugs unique", async () => {
      await database.db.insertInto("practices").values({ slug: "a", name: "A", settings: "{}" }).execute();
      await assert.rejects(
        database.db.insertInto("practices").values({ slug: "a", name: "B", settings: "{}" }).execute(),
      );
    });
  });
}
