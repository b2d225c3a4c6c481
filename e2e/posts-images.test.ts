// A practice post with an image, in the browser (issue 9): the poster attaches a file that is not an image and
// one over 20 MB (both refused in plain words, the typed text kept), then a real PNG; sending without a
// description of the image is refused beside the field; with one, the approver approves, the poster publishes it
// now and the publishing job sends it. The post is read back from a real Bluesky server (the atproto reference
// PDS, started here): the image carries the description as its alt text and its bytes are the stored PNG's, its
// pixels the poster's. Each channel's preview shows the image with that description, as the platform would.
// axe checks the pages on the way.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { AtpAgent } from "@atproto/api";
import type { TestNetworkNoAppView } from "@atproto/dev-env";
import type { Browser } from "playwright-core";
import { practiceAccount, startPds } from "../test/channels/support/pds";
import { startServer, type TestServer } from "./support/server";
import { assertNoPageProblems, launchBrowser, newWatchedPage, signIn, type Watched } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { seedPractice, type SeededPractice } from "./support/seed";

const HANDLE = "brookside-surgery.test";
const TEXT = "Our new baby clinic room is ready: Tuesdays 10am to 12pm, no appointment needed.";
const ALT = "The new baby clinic room: a changing table, a weighing scale and two chairs by a window.";

/** A small PNG with a pattern in it, so a wrong or blank image cannot pass for it. */
async function makePng(): Promise<Buffer> {
  const width = 64;
  const height = 48;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = x * 4;
      raw[i + 1] = y * 5;
      raw[i + 2] = (x + y) % 2 ? 200 : 30;
    }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** The decoded pixels of an image, as RGB bytes, with its size. */
const pixels = async (bytes: Uint8Array) => {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
};

describe("a practice post with an image, refused until it is right, published to Bluesky", () => {
  let server: TestServer;
  let browser: Browser;
  let net: TestNetworkNoAppView;
  let practice: SeededPractice;
  let appPassword = "";
  let did = "";
  let dir = "";
  const pages: Watched[] = [];

  before(async () => {
    [server, net, browser, dir] = await Promise.all([
      startServer({ testClock: true }),
      startPds(),
      launchBrowser(),
      mkdtemp(join(tmpdir(), "safepost-images-")),
    ]);
    ({ did, appPassword } = await practiceAccount(net.pds.url, HANDLE, "comms@brookside.test"));
    practice = await seedPractice(
      server.ctx,
      [
        { name: "Mo Manager", roles: ["admin", "staff"] },
        { name: "Dr Asha Approver", roles: ["approver", "staff"] },
        { name: "Pat Poster", roles: ["poster", "staff"] },
      ],
      "Brookside Surgery",
    );
  });
  after(async () => {
    for (const w of pages) await w.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
    await net?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const as = async (role: "admin" | "approver" | "poster") => {
    const w = await newWatchedPage(browser, server.url);
    pages.push(w);
    await signIn(w.page, practice.user(role).email, practice.user(role).password);
    return w.page;
  };
  const home = () => `/practice/${practice.id}`;

  it("refuses a wrong file, a file over 20 MB and a missing description, then publishes the image with its alt text", async () => {
    const png = await makePng();
    const files = {
      notImage: join(dir, "clinic-room.png"),
      huge: join(dir, "huge-photo.jpg"),
      png: join(dir, "baby-clinic.png"),
    };
    await Promise.all([
      writeFile(files.notImage, "This is a shopping list, not a picture.\n"),
      writeFile(files.huge, Buffer.alloc(21 * 1024 * 1024, 1)),
      writeFile(files.png, png),
    ]);

    // The manager connects the practice's Bluesky account.
    const manager = await as("admin");
    await manager.goto(`${home()}/channels`);
    await manager.getByLabel("The account's handle").fill(HANDLE);
    await manager.getByLabel("App password", { exact: true }).fill(appPassword);
    await manager.getByLabel(/^Server/).fill(net.pds.url);
    await manager.getByRole("button", { name: "Connect Bluesky" }).click();
    await manager.getByRole("heading", { name: new RegExp(HANDLE.replace(/\./g, "\\.")) }).waitFor();

    // The poster writes the post and chooses Bluesky.
    const poster = await as("poster");
    await poster.goto(`${home()}/posts/new`);
    await poster.getByRole("heading", { level: 1, name: "New post" }).waitFor();
    const text = poster.getByLabel("Text of the post");
    await text.fill(TEXT);
    await poster.getByLabel(HANDLE).check();
    const input = poster.locator("#images");
    const imagesError = poster.locator("#images-error");

    // A text file with a .png name: the server reads its bytes and refuses it in plain words.
    await input.setInputFiles(files.notImage);
    await imagesError.getByText(/not a photo or picture safepost can use/).waitFor();
    assert.equal(await text.inputValue(), TEXT, "the typed text is kept");
    assert.equal(await poster.locator("img.sp-thumb").count(), 0, "nothing was attached");

    // A file over 20 MB is refused before it is sent.
    await input.setInputFiles(files.huge);
    await imagesError.getByText("huge-photo.jpg is larger than 20 MB. Choose a smaller image.").waitFor();
    assert.equal(await text.inputValue(), TEXT, "the typed text is kept");
    assert.equal(await poster.locator("img.sp-thumb").count(), 0, "nothing was attached");
    await assertAccessible(poster, "the composer refusing an image");

    // A real PNG is accepted.
    await input.setInputFiles(files.png);
    const alt = poster.getByLabel("Describe image 1 for people who cannot see it");
    await alt.waitFor();
    assert.equal(await imagesError.count(), 0, "the earlier problem is gone");

    // Sending it without a description is refused, with the message beside the field.
    await poster.getByRole("button", { name: "Send for approval" }).click();
    const altError = poster.locator("#image-alt-1-error");
    await altError.getByText("Describe image 1 for people who cannot see it").waitFor();
    assert.equal(await alt.getAttribute("aria-invalid"), "true");
    assert.match((await alt.getAttribute("aria-describedby")) ?? "", /image-alt-1-error/);
    assert.match(new URL(poster.url()).pathname, /\/posts\/new$/, "not sent");

    // With a description, the preview shows the image as Bluesky will, its description as the alt text.
    await alt.fill(ALT);
    const previews = poster.getByTestId("previews");
    const shown = previews.locator(`section[data-channel="bluesky"]`).getByRole("img", { name: ALT });
    await shown.waitFor();
    assert.ok(
      await shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 64),
      "the preview's image has loaded",
    );
    await assertAccessible(poster, "the composer with an image and its preview");
    await poster.getByRole("button", { name: "Send for approval" }).click();
    await poster.getByText("Sent for approval").first().waitFor();
    const postPath = new URL(poster.url()).pathname;
    assert.match(postPath, /\/posts\/[0-9a-f-]{36}$/);

    // The approver sees the same preview, and approves.
    const approver = await as("approver");
    await approver.goto(postPath);
    await approver.getByRole("heading", { name: "Your decision" }).waitFor();
    await approver.getByTestId("previews").getByRole("img", { name: ALT }).waitFor();
    await assertAccessible(approver, "the post with an image as the approver sees it");
    await approver.getByRole("button", { name: "Approve" }).click();
    await approver.getByRole("heading", { level: 1 }).getByText("Approved").waitFor();

    // The poster publishes it now; the publishing job sends it.
    await poster.goto(postPath);
    await poster.getByRole("button", { name: "Publish now" }).click();
    await poster.getByText("Publishing now").first().waitFor();
    await server.runDueJobs();
    await poster.reload();
    await poster.getByRole("heading", { level: 1 }).getByText("Published").waitFor();

    // On the Bluesky server: the post, its one image with the description as alt text, the PNG's pixels.
    const reader = new AtpAgent({ service: net.pds.url });
    const { data } = await reader.com.atproto.repo.listRecords({
      repo: did,
      collection: "app.bsky.feed.post",
    });
    assert.equal(data.records.length, 1, "published once");
    const record = data.records[0]!.value as {
      text: string;
      embed?: {
        $type: string;
        images: { alt: string; image: { mimeType: string; ref: { $link?: string; toString(): string } } }[];
      };
    };
    assert.ok(record.text.startsWith(TEXT), record.text);
    assert.equal(record.embed?.$type, "app.bsky.embed.images");
    const images = record.embed?.images ?? [];
    assert.equal(images.length, 1);
    const image = images[0]!;
    assert.equal(image.alt, ALT);
    assert.equal(image.image.mimeType, "image/png");
    const cid = image.image.ref.$link ?? image.image.ref.toString();
    const blob = Buffer.from((await reader.com.atproto.sync.getBlob({ did, cid })).data);
    assert.equal(blob.subarray(1, 4).toString("latin1"), "PNG", "the blob is a PNG");
    // What safepost stored (stripped of metadata) is exactly what Bluesky holds…
    const storedSrc = await approver
      .getByTestId("previews")
      .getByRole("img", { name: ALT })
      .getAttribute("src");
    const stored = await approver.request.get(new URL(storedSrc!, server.url).toString());
    assert.equal(stored.status(), 200);
    assert.ok(Buffer.from(await stored.body()).equals(blob), "the blob's bytes are the stored image's");
    // … and its pixels are the poster's PNG's, unchanged.
    const [sent, original] = await Promise.all([pixels(blob), pixels(png)]);
    assert.deepEqual([sent.width, sent.height], [original.width, original.height]);
    assert.ok(sent.data.equals(original.data), "the blob's pixels are the PNG's");

    for (const w of pages) assertNoPageProblems(w);
  });
});
