import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import exifr from "exifr";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { Client, seedPractice, testServer } from "../support/http";
import type { OpenDatabase } from "../../src/store/database";
import { postImageResponse } from "../../src/contracts";
import { openApiDocument } from "../../src/contracts/openapi";
import { loadOutgoingImages, signedImageUrl, SIGNED_URL_SECONDS, MAX_EDGE } from "../../src/app/posts/images";

/** A camera-like photo: 4000 × 3000 JPEG whose EXIF names the camera and where it was taken. */
async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 40, g: 120, b: 90 } } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: "Testcam", Model: "Pocket 9", Copyright: "Example owner" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "52/1 12/1 30/1",
        GPSLongitudeRef: "W",
        GPSLongitude: "1/1 33/1 15/1",
      },
    })
    .toBuffer();
}

const png = (w: number, h: number): Promise<Buffer> =>
  sharp({ create: { width: w, height: h, channels: 4, background: { r: 250, g: 250, b: 10, alpha: 1 } } })
    .png()
    .toBuffer();

for (const kind of databaseKinds) {
  describe(`post images (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    let a: Awaited<ReturnType<typeof seedPractice>>;
    let b: Awaited<ReturnType<typeof seedPractice>>;
    let posterA: Client;
    let staffA: Client;
    let posterB: Client;
    const upload = (c: Client, practiceId: string, body: Buffer, type = "application/octet-stream") =>
      c.request("POST", `/api/practices/${practiceId}/post-images`, body, { "content-type": type });
    const counts = async () => {
      const images = await database.db
        .selectFrom("post_images")
        .select((e) => e.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow();
      const audit = await database.db
        .selectFrom("audit_log")
        .select((e) => e.fn.countAll<string>().as("n"))
        .where("action", "=", "post-image.uploaded")
        .executeTakeFirstOrThrow();
      return { images: Number(images.n), audit: Number(audit.n) };
    };

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      app = await testServer(ctx);
      a = await seedPractice(ctx, "hawthorn");
      b = await seedPractice(ctx, "rowan");
      posterA = new Client(app, "10.9.0.1");
      await posterA.signIn("poster@hawthorn.example");
      staffA = new Client(app, "10.9.0.2");
      await staffA.signIn("staff@hawthorn.example");
      posterB = new Client(app, "10.9.0.3");
      await posterB.signIn("poster@rowan.example");
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("a photo with a GPS position comes back resized and without any EXIF", async () => {
      const original = await photoWithGps();
      assert.ok((await exifr.gps(original))?.latitude, "the test photo carries a GPS position");
      const r = await upload(posterA, a.practice.id, original, "image/jpeg");
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.mimeType, "image/jpeg");
      postImageResponse.strict().parse(r.body);
      assert.equal(r.body.url, `/api/practices/${a.practice.id}/post-images/${r.body.id}`);

      const got = await posterA.app.inject({
        method: "GET",
        url: r.body.url,
        headers: { cookie: posterA.cookie! },
      });
      assert.equal(got.statusCode, 200);
      assert.equal(got.headers["content-type"], "image/jpeg");
      const bytes = got.rawPayload;
      assert.equal(await exifr.gps(bytes), undefined, "no GPS position is left");
      assert.equal(await exifr.parse(bytes), undefined, "no EXIF at all is left");
      const meta = await sharp(bytes).metadata();
      assert.equal(meta.exif, undefined);
      assert.equal(meta.xmp, undefined);
      assert.equal(meta.icc, undefined);
      assert.equal(meta.width, MAX_EDGE);
      assert.equal(meta.height, 1536);
      assert.ok(!bytes.includes(Buffer.from("Testcam")), "the camera's name is gone from the file");
      assert.equal(r.body.sha256, createHash("sha256").update(bytes).digest("hex"));
    });

    it("the upload is in the OpenAPI document, its body a file", () => {
      const doc = openApiDocument("test") as { paths: Record<string, Record<string, any>> }; // eslint-disable-line @typescript-eslint/no-explicit-any
      const op = doc.paths["/api/practices/{practiceId}/post-images"]!.post;
      assert.ok(op.requestBody.content["image/jpeg"]);
      assert.equal(op["x-safepost-action"], "upload-post-images");
      assert.ok(op.responses["201"].content["application/json"]);
      const csv = doc.paths["/api/practices/{practiceId}/posts/archive.csv"]!.get;
      assert.ok(csv.responses["200"].content["text/csv"]);
    });

    it("a PNG sent as a .jpg is treated as the PNG it is", async () => {
      const r = await upload(posterA, a.practice.id, await png(300, 200), "image/jpeg");
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.mimeType, "image/png");
      assert.deepEqual([r.body.width, r.body.height], [300, 200], "a small image is not enlarged");
      const row = await database.db
        .selectFrom("post_images")
        .select(["mime_type", "bytes"])
        .where("id", "=", r.body.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.mime_type, "image/png");
      assert.equal((await sharp(Buffer.from(row.bytes)).metadata()).format, "png");
    });

    it("a text file, an SVG, a damaged image and an empty body are refused in plain words, writing nothing", async () => {
      const before = await counts();
      const attempts: [Buffer, string][] = [
        [Buffer.from("Dear all, the practice will be closed on Friday afternoon.\n"), "image/jpeg"],
        [
          Buffer.from(
            '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
          ),
          "image/svg+xml",
        ],
        [(await photoWithGps()).subarray(0, 4000), "image/jpeg"],
        [Buffer.alloc(0), "image/png"],
      ];
      for (const [body, type] of attempts) {
        const r = await upload(posterA, a.practice.id, body, type);
        assert.equal(r.status, 400, `${type}: ${r.text}`);
        assert.equal(r.body.error.code, "invalid-input");
        assert.match(r.body.error.message, /JPEG, PNG or WebP|empty/);
        assert.ok(r.body.error.fields.image);
      }
      assert.deepEqual(await counts(), before);
    });

    it("an upload over 20 MB is refused with a plain message, writing nothing", async () => {
      const before = await counts();
      const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x41);
      const r = await upload(posterA, a.practice.id, big, "image/jpeg");
      assert.equal(r.status, 413, r.text);
      assert.equal(r.body.error.code, "payload-too-large");
      assert.match(r.body.error.message, /larger than 20 MB/);
      assert.deepEqual(await counts(), before);
    });

    it("only the comms group uploads; a staff member is refused", async () => {
      const r = await upload(staffA, a.practice.id, await png(10, 10));
      assert.equal(r.status, 403, r.text);
    });

    it("another practice's image is 404, through its own practice and through ours", async () => {
      const r = await upload(posterA, a.practice.id, await png(20, 20));
      assert.equal(r.status, 201);
      const viaOwn = await posterB.get(`/api/practices/${b.practice.id}/post-images/${r.body.id}`);
      assert.equal(viaOwn.status, 404);
      const viaOurs = await posterB.get(`/api/practices/${a.practice.id}/post-images/${r.body.id}`);
      assert.equal(viaOurs.status, 404);
      const upToOurs = await upload(posterB, a.practice.id, await png(20, 20));
      assert.equal(upToOurs.status, 404);
      await assert.rejects(
        loadOutgoingImages(ctx, b.practice.id, [r.body.id], ["A yellow square"]),
        /not found/,
      );
      const staffSees = await staffA.get(`/api/practices/${a.practice.id}/post-images/${r.body.id}`);
      assert.equal(staffSees.status, 200, "members of the practice see its images");
    });

    it("a signed public address serves the image until it expires; a changed one is 404", async () => {
      const r = await upload(posterA, a.practice.id, await photoWithGps(), "image/jpeg");
      const [img] = await loadOutgoingImages(ctx, a.practice.id, [r.body.id], ["Our new waiting room"]);
      assert.ok(img);
      assert.equal(img.altText, "Our new waiting room");
      assert.equal(img.mimeType, "image/jpeg");
      assert.equal(img.sha256, r.body.sha256);
      assert.equal(createHash("sha256").update(img.bytes).digest("hex"), r.body.sha256);
      const url = new URL(img.publicUrl);
      assert.equal(url.origin, ctx.baseUrl);
      const path = `${url.pathname}${url.search}`;

      const anon = new Client(app, "10.9.0.9");
      const ok = await app.inject({ method: "GET", url: path });
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.headers["content-type"], "image/jpeg");
      assert.equal(ok.headers["cross-origin-resource-policy"], "cross-origin");
      assert.equal(createHash("sha256").update(ok.rawPayload).digest("hex"), r.body.sha256);

      const sig = url.searchParams.get("signature")!;
      const flipped = `${sig.slice(0, -1)}${sig.endsWith("0") ? "1" : "0"}`;
      const expires = Number(url.searchParams.get("expires"));
      for (const bad of [
        path.replace(sig, flipped),
        path.replace(`expires=${expires}`, `expires=${expires + 86400}`),
        path.replace(/\?.*$/, ""),
        path.replace(".jpg?", ".png?"),
        path.replace(r.body.id, "00000000-0000-4000-8000-000000000001"),
      ]) {
        const res = await anon.get(bad);
        assert.equal(res.status, 404, bad);
      }

      ctx.clock.advance((SIGNED_URL_SECONDS + 1) * 1000);
      const expired = await anon.get(path);
      assert.equal(expired.status, 404, "an expired address is 404");
      const fresh = new URL(signedImageUrl(ctx, { id: r.body.id, mimeType: "image/jpeg" }));
      assert.equal((await anon.get(`${fresh.pathname}${fresh.search}`)).status, 200);
    });

    it("a signed address serves a PNG as a JPEG (Instagram takes JPEG only); a bad one is a plain-text 404", async () => {
      const r = await upload(posterA, a.practice.id, await png(60, 40));
      assert.equal(r.body.mimeType, "image/png");
      const [img] = await loadOutgoingImages(ctx, a.practice.id, [r.body.id], ["A yellow notice"]);
      const url = new URL(img!.publicUrl);
      assert.match(url.pathname, /\.jpg$/);
      const res = await app.inject({ method: "GET", url: `${url.pathname}${url.search}` });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers["content-type"], "image/jpeg");
      const meta = await sharp(res.rawPayload).metadata();
      assert.equal(meta.format, "jpeg");
      assert.deepEqual([meta.width, meta.height], [60, 40]);
      assert.equal(meta.exif, undefined, "no metadata is added");
      const asStored = await app.inject({
        method: "GET",
        url: `${url.pathname.replace(/\.jpg$/, ".png")}${url.search}`,
      });
      assert.equal(asStored.headers["content-type"], "image/png", "the stored format is served too");
      const bad = await app.inject({
        method: "GET",
        url: `${url.pathname}?expires=1&signature=${"0".repeat(64)}`,
      });
      assert.equal(bad.statusCode, 404);
      assert.match(String(bad.headers["content-type"]), /^text\/plain/);
      assert.equal(bad.body, "Not found");
    });

    it("loads a post's images in its order, each with its own alt text", async () => {
      const one = await upload(posterA, a.practice.id, await png(30, 30));
      const two = await upload(posterA, a.practice.id, await png(40, 20));
      const images = await loadOutgoingImages(
        ctx,
        a.practice.id,
        [two.body.id, one.body.id],
        ["Second picture", "First picture"],
      );
      assert.deepEqual(
        images.map((i) => [i.sha256, i.altText]),
        [
          [two.body.sha256, "Second picture"],
          [one.body.sha256, "First picture"],
        ],
      );
    });
  });
}
