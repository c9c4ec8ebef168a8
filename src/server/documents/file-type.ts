import "server-only";

/**
 * The type of an uploaded file, read from its first bytes (never from its name or the
 * browser's claim). Only the three kinds a scan or photo of a signed paper comes in.
 */
export type DetectedFileType = { mimeType: "image/jpeg" | "image/png" | "application/pdf"; extension: "jpg" | "png" | "pdf"; label: string };

const SIGNATURES: { bytes: readonly number[]; type: DetectedFileType }[] = [
  // JPEG: SOI marker FF D8 followed by the next marker's FF
  { bytes: [0xff, 0xd8, 0xff], type: { mimeType: "image/jpeg", extension: "jpg", label: "JPG 图片" } },
  // PNG: \x89 P N G \r \n \x1a \n
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], type: { mimeType: "image/png", extension: "png", label: "PNG 图片" } },
  // PDF: "%PDF-"
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], type: { mimeType: "application/pdf", extension: "pdf", label: "PDF 文件" } },
];

export function detectFileType(bytes: Uint8Array): DetectedFileType | null {
  for (const s of SIGNATURES) {
    if (bytes.length >= s.bytes.length && s.bytes.every((b, i) => bytes[i] === b)) return s.type;
  }
  return null;
}
