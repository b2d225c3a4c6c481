// Small, real images for adapter tests: a solid-colour PNG built byte by byte (signature, IHDR, IDAT, IEND),
// so platforms that check what they are given get a true image, and no binary file is committed.
import { createHash } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import type { OutgoingImage } from "../../../src/channels/adapter";

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A width × height PNG of one RGB colour. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // colour type: truecolour
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** An OutgoingImage as the app would hand it over, served (for Instagram) at `publicUrl`. */
export function testImage(altText: string, rgb: [number, number, number], publicUrl = ""): OutgoingImage {
  const bytes = solidPng(32, 24, rgb);
  return {
    bytes,
    mimeType: "image/png",
    altText,
    publicUrl,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}
