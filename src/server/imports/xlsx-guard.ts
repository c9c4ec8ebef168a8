import "server-only";
import { inflateRawSync } from "node:zlib";
import { AppError } from "@/server/errors";

/**
 * Bounds a spreadsheet before exceljs sees it. exceljs' full load materialises every row up to the
 * sheet's last row number: a 7 KB file with one cell at A200000 held ~1 GB for 9 s. So we read the
 * zip directory ourselves, inflate every entry with a hard output cap (declared sizes can lie), and
 * read each worksheet's declared dimension and highest row/cell number before parsing anything.
 */
export type XlsxLimits = {
  /** highest worksheet row number accepted (declared dimension, `<row r>` and `<c r>`) */
  maxRows: number;
  /** uncompressed bytes of one zip entry */
  maxEntryBytes: number;
  /** uncompressed bytes of the whole file */
  maxTotalBytes: number;
  maxEntries: number;
};

export const DEFAULT_XLSX_LIMITS: Omit<XlsxLimits, "maxRows"> = {
  maxEntryBytes: 24 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  maxEntries: 500,
};

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** The file is not a readable zip at all (as opposed to a readable file over a limit). */
export class XlsxDamagedError extends AppError {}

function refuse(message: string): never {
  throw new AppError("VALIDATION", message, { file: message });
}

type Entry = { name: string; method: number; compressed: number; uncompressed: number; localOffset: number };

function readDirectory(b: Buffer, fileName: string, limits: XlsxLimits): Entry[] {
  const broken = (): never => {
    const message = `文件“${fileName}”不是完整的 .xlsx 表格（可能已损坏）。请用 WPS 或 Excel 打开后重新保存为 .xlsx 再上传。`;
    throw new XlsxDamagedError("VALIDATION", message, { file: message });
  };
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) broken();
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  if (count > limits.maxEntries) refuse(`文件“${fileName}”内部包含 ${count} 个部件，超过 ${limits.maxEntries} 个的上限，不像是导入模板。请使用下载的导入模板。`);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) broken();
    const nameLen = b.readUInt16LE(p + 28);
    entries.push({
      method: b.readUInt16LE(p + 10),
      compressed: b.readUInt32LE(p + 20),
      uncompressed: b.readUInt32LE(p + 24),
      localOffset: b.readUInt32LE(p + 42),
      name: b.toString("utf8", p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return entries;
}

function inflateEntry(b: Buffer, e: Entry, fileName: string, limits: XlsxLimits): Buffer {
  const tooBig = () => refuse(`文件“${fileName}”中的“${e.name}”解压后超过 ${mb(limits.maxEntryBytes)} 的上限。请删除多余的内容（或分成几个文件）后重新上传。`);
  if (e.uncompressed > limits.maxEntryBytes || e.compressed === 0xffffffff || e.uncompressed === 0xffffffff) tooBig();
  const lh = e.localOffset;
  if (lh + 30 > b.length || b.readUInt32LE(lh) !== 0x04034b50) refuse(`文件“${fileName}”已损坏，请重新保存为 .xlsx 再上传。`);
  const start = lh + 30 + b.readUInt16LE(lh + 26) + b.readUInt16LE(lh + 28);
  const data = b.subarray(start, start + e.compressed);
  if (e.method === 0) return data;
  if (e.method !== 8) refuse(`文件“${fileName}”使用了不支持的压缩方式，请用 WPS 或 Excel 重新保存为 .xlsx 再上传。`);
  try {
    return inflateRawSync(data, { maxOutputLength: limits.maxEntryBytes });
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) tooBig();
    return refuse(`文件“${fileName}”已损坏，请重新保存为 .xlsx 再上传。`);
  }
}

/** The highest row number a worksheet declares or uses (dimension, row and cell references). */
export function highestRow(xml: string): number {
  let max = 0;
  const dim = /<(?:\w+:)?dimension\b[^>]*\bref="([^"]+)"/.exec(xml);
  if (dim) for (const m of dim[1].matchAll(/[A-Z]+(\d+)/g)) max = Math.max(max, Number(m[1]));
  for (const m of xml.matchAll(/<(?:\w+:)?(?:row|c)\b[^>]*?\br="[A-Z]*(\d+)"/g)) max = Math.max(max, Number(m[1]));
  return max;
}

/** Refuses (Chinese, naming the limit) any file over a limit; otherwise returns without parsing cells. */
export function assertXlsxWithinLimits(bytes: Uint8Array, fileName: string, limits: XlsxLimits) {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (const e of readDirectory(b, fileName, limits)) {
    if (e.name.endsWith("/")) continue;
    const content = inflateEntry(b, e, fileName, limits);
    total += content.length;
    if (total > limits.maxTotalBytes) {
      refuse(`文件“${fileName}”解压后超过 ${mb(limits.maxTotalBytes)} 的上限。请删除多余的工作表或内容后重新上传。`);
    }
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) {
      const rows = highestRow(content.toString("utf8"));
      if (rows > limits.maxRows) {
        refuse(`文件“${fileName}”的工作表一直用到第 ${rows} 行，超过 ${limits.maxRows} 行的上限。请删除空行以下多余的内容（或分成几个文件）后重新上传。`);
      }
    }
  }
}
