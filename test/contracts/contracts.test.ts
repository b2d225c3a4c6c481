import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { Client, seedPractice, testServer } from "../support/http";
import type { OpenDatabase } from "../../src/store/database";
import {
  endpoints,
  errorBody,
  inviteListResponse,
  inviteResponse,
  memberListResponse,
  memberResponse,
  practiceResponse,
  discardDraftResponse,
  policySummaryResponse,
  policyVersionListResponse,
  sessionPractice,
} from "../../src/contracts";
import { ROLES } from "../../src/core/roles";

for (const kind of databaseKinds) {
  describe(`shared API contracts (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let seed: Awaited<ReturnType<typeof seedPractice>>;
    let admin: Client;
    let base: string;
    before(async () => {
      database = await kind.open();
      const ctx = testContext(database);
      app = await testServer(ctx);
      seed = await seedPractice(ctx, "rowan");
      admin = new Client(app, "10.3.0.1");
      const signedIn = await admin.signIn(seed.people.admin!.email);
      assert.equal(signedIn.status, 200, signedIn.text);
      base = `/api/practices/${seed.practice.id}`;
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("serves an OpenAPI 3.1 document built from the contracts, to signed-in people", async () => {
      assert.equal((await new Client(app, "10.3.0.2").get("/api/openapi.json")).status, 401);
      const res = await admin.get("/api/openapi.json");
      assert.equal(res.status, 200);
      assert.equal(res.body.openapi, "3.1.0");
      const patch = res.body.paths["/api/practices/{practiceId}/members/{userId}"].patch;
      assert.deepEqual(patch.requestBody.content["application/json"].schema.properties.roles.items.enum, [
        ...ROLES,
      ]);
      assert.equal(patch["x-safepost-action"], "manage-staff");
      assert.deepEqual(
        patch.responses["403"].content[
          "application/json"
        ].schema.properties.error.properties.code.enum.includes("forbidden"),
        true,
      );
    });

    it("every contract names a route the server has", () => {
      for (const e of endpoints)
        assert.ok(
          app.safepostRoutes.some((r) => r.method === e.method && r.url === e.path),
          `${e.method} ${e.path}`,
        );
    });

    it("the server's answers are exactly what the contracts describe (no field the client does not know of)", async () => {
      const practice = await admin.get(base);
      practiceResponse.strict().parse(practice.body);
      const session = await admin.get("/api/session");
      for (const p of session.body.practices) sessionPractice.strict().parse(p);
      const members = await admin.get(`${base}/members`);
      memberListResponse.parse(members.body);
      for (const m of members.body.members) memberResponse.strict().parse(m);
      const changed = await admin.patch(`${base}/members/${seed.people.poster!.id}`, { roles: ["poster"] });
      assert.equal(changed.status, 200, changed.text);
      memberResponse.strict().parse(changed.body);
      const invited = await admin.post(`${base}/invites`, {
        email: "new.person@rowan.example",
        name: "New Person",
        roles: ["staff"],
      });
      assert.equal(invited.status, 201, invited.text);
      inviteResponse.strict().parse(invited.body);
      const invites = await admin.get(`${base}/invites`);
      inviteListResponse.parse(invites.body);
    });

    it("the policy's summary, version list and discard answer exactly what their contracts describe", async () => {
      const before = policySummaryResponse.parse((await admin.get(`${base}/policy/summary`)).body);
      assert.ok(before.links.embedSnippet, "an admin gets the developer links");
      const draft = await admin.post(`${base}/policy/drafts`, {});
      assert.equal(draft.status, 201, draft.text);
      const summary = policySummaryResponse.parse((await admin.get(`${base}/policy/summary`)).body);
      assert.equal(summary.draft?.id, draft.body.id);
      const list = policyVersionListResponse.parse((await admin.get(`${base}/policy/versions`)).body);
      assert.ok(list.versions.some((v) => v.id === draft.body.id && v.status === "draft"));
      const discarded = await admin.post(`${base}/policy/versions/${draft.body.id}/discard`);
      assert.equal(discarded.status, 200, discarded.text);
      discardDraftResponse.parse(discarded.body);
    });

    it("input the contract refuses gets the one error body, naming the field", async () => {
      const res = await admin.patch(`${base}/members/${seed.people.poster!.id}`, { roles: ["owner"] });
      assert.equal(res.status, 400);
      const body = errorBody.strict().parse(res.body);
      assert.equal(body.error.code, "invalid-input");
      assert.ok(Object.keys(body.error.fields ?? {}).some((f) => f.startsWith("roles")));
    });
  });
}
