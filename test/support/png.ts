/**
 * PNG checks for chart tests: the signature, the IHDR chunk's width and height, and a full
 * decode with pngjs (which checks every chunk's CRC and inflates the pixels).
 */
import { PNG } from "pngjs";

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height as the IHDR chunk states them; throws when `bytes` is not a PNG. */
export function pngHeader(bytes: Buffer): { width: number; height: number } {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error("not a PNG");
  if (bytes.subarray(12, 16).toString("latin1") !== "IHDR") throw new Error("PNG without IHDR first");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Decodes the whole image; throws on any corrupt chunk. */
export function decodePng(bytes: Buffer): PNG {
  return PNG.sync.read(bytes);
}

/** How many distinct colours the image uses (a blank canvas has one). */
export function distinctColours(png: PNG): number {
  const seen = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) seen.add(png.data.readUInt32BE(i));
  return seen.size;
}
