import "server-only";

/**
 * The type of an uploaded file, read from its bytes (never from its name or the browser's claim):
 * the three kinds a scan or photo of a signed paper comes in, and the Word / Excel files that
 * plans and reports are written in (DOCX / XLSX: a ZIP holding word/document.xml or xl/workbook.xml).
 * Which kinds an upload accepts is the caller's rule (`checkUpload`).
 */
export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export type DetectedFileType = {
  mimeType: "image/jpeg" | "image/png" | "application/pdf" | typeof DOCX_MIME | typeof XLSX_MIME;
  extension: "jpg" | "png" | "pdf" | "docx" | "xlsx";
  label: string;
};

const SIGNATURES: { bytes: readonly number[]; type: DetectedFileType }[] = [
  // JPEG: SOI marker FF D8 followed by the next marker's FF
  { bytes: [0xff, 0xd8, 0xff], type: { mimeType: "image/jpeg", extension: "jpg", label: "JPG 图片" } },
  // PNG: \x89 P N G \r \n \x1a \n
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], type: { mimeType: "image/png", extension: "png", label: "PNG 图片" } },
  // PDF: "%PDF-"
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], type: { mimeType: "application/pdf", extension: "pdf", label: "PDF 文件" } },
];

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const OFFICE_PARTS: { name: string; type: DetectedFileType }[] = [
  { name: "word/document.xml", type: { mimeType: DOCX_MIME, extension: "docx", label: "Word 文档（DOCX）" } },
  { name: "xl/workbook.xml", type: { mimeType: XLSX_MIME, extension: "xlsx", label: "Excel 表格（XLSX）" } },
];

/** True when the ZIP names `name` as an entry (a local header's or the central directory's file name field). */
function zipHasEntry(bytes: Uint8Array, name: string): boolean {
  const needle = new TextEncoder().encode(name);
  // Entry names are stored uncompressed; the central directory at the end lists them all.
  outer: for (let i = 30; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export function detectFileType(bytes: Uint8Array): DetectedFileType | null {
  for (const s of SIGNATURES) {
    if (bytes.length >= s.bytes.length && s.bytes.every((b, i) => bytes[i] === b)) return s.type;
  }
  if (bytes.length > 30 && ZIP_LOCAL_HEADER.every((b, i) => bytes[i] === b)) {
    for (const part of OFFICE_PARTS) if (zipHasEntry(bytes, part.name)) return part.type;
  }
  return null;
}
