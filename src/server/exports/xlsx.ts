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
 * ~6 ms for the 3 MB of XML of 5 000 students, files ~30 % larger than at level 6, which took ~23 ms) and packed
 * into the archive by fflate's Zip.
 *
 * Uses exceljs's own part writers (`lib/xlsx/xlsx.js#write`, version pinned in package.json); the test
 * beside this file checks that every part is byte-for-byte what `writeBuffer` writes.
 */
export async function xlsxBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  const files: [string, Uint8Array][] = [];
  const zip = {
    append(data: string | Uint8Array, options: { name: string; base64?: boolean }) {
      const name = options.name.replace(/^\//, "");
      files.push([name, options.base64 ? Buffer.from(String(data), "base64") : typeof data === "string" ? Buffer.from(data, "utf8") : data]);
    },
  };
  const xlsx = wb.xlsx as unknown as PartWriter;
  const { model } = wb as unknown as { model: unknown };
  xlsx.prepareModel(model, {});
  // In exceljs's order ([Content_Types].xml first, as Office writes it).
  await xlsx.addContentTypes(zip, model);
  await xlsx.addOfficeRels(zip, model);
  await xlsx.addWorkbookRels(zip, model);
  await xlsx.addWorksheets(zip, model);
  await xlsx.addSharedStrings(zip, model);
  await xlsx.addDrawings(zip, model);
  await xlsx.addTables(zip, model);
  await xlsx.addThemes(zip, model);
  await xlsx.addStyles(zip, model);
  await xlsx.addMedia(zip, model);
  await xlsx.addApp(zip, model);
  await xlsx.addCore(zip, model);
  await xlsx.addWorkbook(zip, model);
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
  const parts: [string, string | Buffer | { toBuffer(): Buffer | null }][] = [];
  let bytes: Buffer | undefined;
  const archiver = writer.zip;
  writer.zip = {
    append(data, o) {
      // A sheet's StreamBuf would otherwise copy every row into a Buffer for its 'data' event, which nobody reads.
      if (typeof data === "object" && "pause" in data && typeof data.pause === "function") data.pause();
      parts.push([o.name.replace(/^\//, ""), data]);
    },
    finalize() {
      bytes = packZip(parts.map(([name, data]) => [name, typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.isBuffer(data) ? data : data.toBuffer() ?? Buffer.alloc(0)]));
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

type PartSink = { append(data: string | Uint8Array, options: { name: string; base64?: boolean }): void };
type Step = (zip: PartSink, model: unknown) => Promise<unknown> | unknown;
type PartWriter = {
  prepareModel(model: unknown, options: object): void;
  addContentTypes: Step; addOfficeRels: Step; addWorkbookRels: Step; addWorksheets: Step; addSharedStrings: Step;
  addDrawings: Step; addTables: Step; addThemes: Step; addStyles: Step; addMedia: Step; addApp: Step; addCore: Step; addWorkbook: Step;
};

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
