import "server-only";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { crc32, deflateRawSync } from "node:zlib";
import { Zip, type ZipInputFile } from "fflate";
import { XLSX_MIME } from "@/server/documents/file-type";

/**
 * The workbook as .xlsx bytes (decision 101). exceljs renders every part of the file as it does in
 * `wb.xlsx.writeBuffer()`; the parts are then zipped in one synchronous step (fflate) instead of by JSZip,
 * which yields to the event loop once per 16 KB chunk (a 附件4 of 3 000 students waited for ~60 turns), nor by
 * archiver (exceljs's streaming writer), which deflates on the thread pool, one turn per chunk.
 * On a busy server every turn is a wait behind the other requests, so the export took several times the
 * time of a page; here it is one turn of its own CPU time. Each part is deflated by Node's zlib (native, level 1:
 * ~6 ms for 3 MB of sheet XML, against ~23 ms at level 6; the 附件4 of 5 000 students of `npm run bench` is
 * 316 KB, as it was through archiver) and packed into the archive by fflate's Zip.
 *
 * Uses exceljs's own part writers (`lib/xlsx/xlsx.js#write`, version pinned in package.json); the test
 * beside this file checks that every part is byte-for-byte what `writeBuffer` writes.
 */
export async function xlsxBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  const files: [string, Uint8Array][] = [];
  const zip = { append: (data: string | Uint8Array, options: { name: string; base64?: boolean }) => files.push(part(options.name, data, options.base64)) };
  const xlsx = wb.xlsx as unknown as PartWriter;
  const { model } = wb as unknown as { model: unknown };
  xlsx.prepareModel(model, {});
  for (const step of PART_STEPS) await xlsx[step](zip, model);
  return packZip(files);
}

/**
 * A workbook written with exceljs's streaming writer (each row rendered to XML as it is committed: no workbook
 * model of thousands of rows in memory, about half the CPU of `xlsxBytes` for a 附件4 of 3 000 students), its
 * parts zipped in one step as above instead of by archiver. `fill` adds the sheets and commits their rows.
 *
 * The writer's zip (exceljs 4.4.0, lib/stream/xlsx/workbook-writer.js) is replaced by a collector: every part
 * it appends (a string, or a sheet's StreamBuf whose rows are all buffered by the time the sheet is committed)
 * is packed by `packZip` when the writer finalizes. The test beside this file checks every part against what
 * exceljs's own archiver writes.
 */
export async function streamedXlsxBytes(fill: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => void, options: { creator?: string } = {}): Promise<Buffer> {
  const sink = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false, zip: { store: true } });
  const writer = wb as unknown as StreamingInternals;
  const parts: [string, string | Buffer | { toBuffer(): Buffer | null }][] = []; // converted when the writer finalizes: a sheet's rows are complete only then
  let bytes: Buffer | undefined;
  const archiver = writer.zip;
  writer.zip = {
    append(data, o) {
      // A sheet's StreamBuf would otherwise copy every row into a Buffer for its 'data' event, which nobody reads.
      if (typeof data === "object" && "pause" in data && typeof data.pause === "function") data.pause();
      parts.push([o.name, data]);
    },
    finalize() {
      bytes = packZip(parts.map(([name, data]) => part(name, data)));
      sink.end();
    },
    on() { return this; },
  };
  // The constructor already gave its first two parts to archiver: stop it, and add them again to the collector.
  archiver.abort?.();
  writer.promise = Promise.all([writer.addThemes(), writer.addOfficeRels()]);
  if (options.creator) wb.creator = options.creator;
  sink.resume();
  fill(wb);
  await wb.commit();
  if (!bytes) throw new Error("exceljs's streaming writer finished without writing the workbook");
  return bytes;
}

/** Text as exceljs writes it into XML (lib/utils/utils.js#xmlEncode): the five entities escaped, control characters but TAB, LF and CR dropped. */
export function xmlText(text: string): string {
  if (!/[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/.test(text)) return text;
  let out = "";
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c === 34) out += "&quot;";
    else if (c === 38) out += "&amp;";
    else if (c === 39) out += "&apos;";
    else if (c === 60) out += "&lt;";
    else if (c === 62) out += "&gt;";
    else if (c === 127 || (c <= 31 && c !== 9 && c !== 10 && c !== 13)) continue;
    else out += ch;
  }
  return out;
}

/**
 * Appends table rows to a sheet of exceljs's streaming writer in the XML exceljs writes for them (decision 101):
 * each row a sequence number in `style.number` then text cells in `style.text` (one style, or one per column),
 * all `style.height` high (or of the default height when it is not given). exceljs builds a
 * row, a cell and a style lookup object per cell and an XML writer per row (~15 µs a row); this writes the same
 * bytes from a template (~1 µs). The rows before `firstRow` must be committed; the rows after are added as usual.
 * The test beside this file checks the sheet byte for byte against rows committed through exceljs.
 */
export function appendTableRows(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  ws: ExcelJS.Worksheet,
  firstRow: number,
  rows: string[][],
  style: { number: Partial<ExcelJS.Style>; text: Partial<ExcelJS.Style> | readonly Partial<ExcelJS.Style>[]; height?: number },
): void {
  if (rows.length === 0) return;
  const sheet = ws as unknown as SheetInternals;
  if (sheet._rowZero !== firstRow || sheet._rows.length > 0 || !sheet.startedData) throw new Error(`appendTableRows: the rows before ${firstRow} are not all committed`);
  const width = Math.max(...rows.map((r) => r.length));
  const textStyles = Array.isArray(style.text) ? style.text : Array.from({ length: width }, () => style.text as Partial<ExcelJS.Style>);
  if (textStyles.length < width) throw new Error(`appendTableRows: ${width} text columns, ${textStyles.length} styles`);
  // Style ids in the order exceljs would register them: the first row's cells from left to right (a style object
  // already seen keeps its id).
  const styles = (wb as unknown as { styles: { addStyleModel(model: unknown, cellType: number): number } }).styles;
  const numberId = styles.addStyleModel(style.number, ExcelJS.ValueType.Number);
  const textIds = textStyles.slice(0, width).map((s) => styles.addStyleModel(s, ExcelJS.ValueType.String));
  const letter = (n: number): string => (n < 26 ? String.fromCharCode(65 + n) : letter(Math.floor(n / 26) - 1) + String.fromCharCode(65 + (n % 26)));
  const letters = Array.from({ length: width + 1 }, (_, j) => letter(j)); // A, B, …, Z, AA, …
  const heading = style.height === undefined ? "" : ` ht="${style.height}" customHeight="1"`;
  // Each row's XML is encoded straight into one buffer handed to the sheet's stream by the 64 KB: half the time of
  // joining the rows' strings and letting the stream encode them (3 000 rows: ~9 ms against ~19 ms). The stream
  // copies what it is given before write() returns (exceljs 4.4.0, StreamBuf#_writeToBuffers), so the buffer is
  // reused; the byte-for-byte test beside this file writes rows over several buffers' worth.
  let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  const flush = () => { if (used) sheet.stream.write(buffer.subarray(0, used)); used = 0; };
  rows.forEach((cells, i) => {
    const r = String(firstRow + i);
    let xml = `<row r="${r}"${heading} spans="1:${cells.length + 1}" x14ac:dyDescent="0.25"><c r="A${r}" s="${numberId}"><v>${i + 1}</v></c>`;
    for (let j = 0; j < cells.length; j++) xml += `<c r="${letters[j + 1]}${r}" s="${textIds[j]}" t="str"><v>${xmlText(cells[j])}</v></c>`;
    xml += "</row>";
    const most = xml.length * 3; // UTF-8 bytes of a UTF-16 code unit: at most 3
    if (used + most > buffer.length) {
      flush();
      if (most > buffer.length) buffer = Buffer.allocUnsafe(most);
    }
    used += buffer.write(xml, used, "utf8");
  });
  flush();
  sheet._rowZero = firstRow + rows.length;
}

/**
 * The reference `appendTableRows` is tested against: the same rows built and committed one by one through exceljs
 * (the tests of 附件3, 附件4 and 附件6 write their sheets both ways and compare every part byte for byte).
 */
export function commitTableRowsViaExceljs(
  _wb: ExcelJS.stream.xlsx.WorkbookWriter,
  ws: ExcelJS.Worksheet,
  firstRow: number,
  rows: string[][],
  style: Parameters<typeof appendTableRows>[4],
): void {
  rows.forEach((values, i) => {
    const row = ws.getRow(firstRow + i);
    const seq = row.getCell(1);
    seq.value = i + 1;
    seq.style = style.number;
    values.forEach((v, j) => {
      const cell = row.getCell(j + 2);
      cell.style = (Array.isArray(style.text) ? style.text[j] : style.text) as Partial<ExcelJS.Style>;
      cell.value = v;
    });
    if (style.height !== undefined) row.height = style.height;
    row.commit();
  });
}

const CHUNK_BYTES = 64 * 1024;

type SheetInternals = { _rowZero: number; _rows: unknown[]; startedData: boolean; stream: { write(data: Buffer): void } };

type PartCollector = { append(data: string | Buffer | { toBuffer(): Buffer | null }, options: { name: string }): void; finalize(): void; on(...args: unknown[]): unknown };
type StreamingInternals = {
  zip: PartCollector & { abort?(): void };
  promise: Promise<unknown>;
  addThemes(): Promise<void>;
  addOfficeRels(): Promise<void>;
};

const ENTRY_TIME = new Date(1980, 0, 1); // fixed, so that equal workbooks give equal bytes

/** The parts as a ZIP archive, each deflated by zlib (synchronously, on this thread). */
export function packZip(files: [string, Uint8Array][]): Buffer {
  const out: Uint8Array[] = [];
  let failed: Error | null = null;
  const archive = new Zip((err, chunk) => {
    if (err) failed = err;
    else out.push(chunk);
  });
  for (const [filename, data] of files) {
    const entry: ZipInputFile = { filename, size: data.length, crc: crc32(data), compression: 8, mtime: ENTRY_TIME };
    archive.add(entry);
    entry.ondata!(null, deflateRawSync(data, { level: 1 }), true);
  }
  archive.end();
  if (failed) throw failed;
  return Buffer.concat(out);
}

/** exceljs's part writers, in its order ([Content_Types].xml first, as Office writes it). */
const PART_STEPS = [
  "addContentTypes", "addOfficeRels", "addWorkbookRels", "addWorksheets", "addSharedStrings", "addDrawings", "addTables",
  "addThemes", "addStyles", "addMedia", "addApp", "addCore", "addWorkbook",
] as const;
type PartSink = { append(data: string | Uint8Array, options: { name: string; base64?: boolean }): void };
type PartWriter = { prepareModel(model: unknown, options: object): void } & Record<(typeof PART_STEPS)[number], (zip: PartSink, model: unknown) => Promise<unknown> | unknown>;

/** A part as exceljs appends it (a string, bytes, base64 text or a StreamBuf) → its name in the archive and its bytes. */
function part(name: string, data: string | Uint8Array | { toBuffer(): Buffer | null }, base64 = false): [string, Uint8Array] {
  const bytes = base64 ? Buffer.from(String(data), "base64")
    : typeof data === "string" ? Buffer.from(data, "utf8")
    : data instanceof Uint8Array ? data
    : data.toBuffer() ?? Buffer.alloc(0);
  return [name.replace(/^\//, ""), bytes];
}

/**
 * An .xlsx download: `fileName` (Chinese, e.g. 附件4_楚雄技师学院_2026.xlsx) as RFC 5987 filename*, with an
 * ASCII fallback for old clients; never cached (the files hold minors' full ID numbers).
 */
export function xlsxResponse(bytes: Uint8Array, fileName: string, asciiName: string): Response {
  return new Response(new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength), {
    headers: {
      "content-type": XLSX_MIME,
      "content-disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "cache-control": "private, no-store",
    },
  });
}
