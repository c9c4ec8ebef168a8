// 附件4 export of 5,000 students, like with like: the app's writer (sort + styled streaming workbook)
// against a hand-written exceljs streaming write of the same rows with the same header, merges, column
// widths and cell styles, in the same run (each warmed once, then BENCH_REPEATS rounds of both). The database read
// (scoped query) is timed and reported on its own. Memory: the kernel's high-water mark (maxRSS) and
// RSS sampled inside the output stream's write callback, which runs during the synchronous write loop
// (a timer would not fire there). The export's own memory is measured in a separate process that does
// only what the export route does, read and write (bench/lib/annex4-export-process.ts, decision 103):
// this process also holds the fixture's client and the reference writer, which allocates more than the
// app's. Exits 1 unless 5,000 rows are written, the median writer_ms ≤ 1.5 × raw_ms over BENCH_REPEATS
// (5) rounds, and the export process's peak RSS < 200 MB.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../src/generated/prisma/client";
import { createMiniPrefecture } from "../prisma/factories";
import { createStandardCalendar } from "../prisma/factories/calendar";
import { createDatabase, dropDatabase, migrate, root } from "../scripts/lib/db.mjs";

const ROWS = 5000;

function allowServerModules() {
  const p = require.resolve("server-only");
  require.cache[p] ??= { id: p, filename: p, loaded: true, exports: {} } as unknown as NodeJS.Module;
}

const GOAL_RATIO = 1.5;
const GOAL_PEAK_RSS_MB = 200;
let peakRss = 0;
const sample = () => { peakRss = Math.max(peakRss, process.memoryUsage.rss()); };

class Counter extends Writable {
  bytes = 0;
  _write(chunk: Buffer, _enc: string, cb: () => void) { this.bytes += chunk.length; sample(); cb(); }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timeIt(fn: () => Promise<unknown>) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function main() {
  const server = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `zjb_bench_annex4_${process.pid}`;
  const url = await createDatabase(server, name);
  try {
    await migrate(url);
    process.env.DATABASE_URL = url;
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
    const p = await createMiniPrefecture(db);
    await createStandardCalendar(db);
    const doc = await db.document.create({ data: { kind: "CONSENT_SCAN", fileName: "c.png", mimeType: "image/png", size: 1, sha256: "0", uploadedById: p.users.schoolA.id } });
    // 5,000 sent-off, arrived, classed students from two counties and several classes, inserted in SQL.
    await db.$executeRaw`
      INSERT INTO "Application" (id, year, "countyId", "middleSchoolId", "className", "headTeacherName", "headTeacherPhone", "studentName", sex,
        "studentPhone", "addressCounty", "addressTownship", "addressVillage", "addressStreet", "studentNumber", "idNumber", "birthDate",
        "guardianName", "guardianRelation", "guardianPhone", "vocationalSchoolId", "eligibilityGround", "studentSigned", "guardianSigned",
        "consentDocumentId", status, "reviewDecision", "reviewDate", "enteredById", "updatedAt")
      SELECT 'a' || i, 2020, CASE WHEN i % 3 = 0 THEN ${p.countyB.id} ELSE ${p.countyA.id} END,
             CASE WHEN i % 3 = 0 THEN ${p.schoolB.id} ELSE ${p.schoolA.id} END, '初三(' || (i % 7 + 1) || ')班', '李老师', '13800000000',
             '学生' || i, CASE WHEN i % 2 = 0 THEN 'MALE' ELSE 'FEMALE' END::"Sex", '13900000000', '楚雄市', '鹿城镇', '北浦社区', '北浦路',
             lpad(i::text, 14, '0'), '53' || lpad(i::text, 15, '0') || 'X', '2005-01-01', '王家长', 'OTHER', '13700000000', ${p.vocA.id},
             'LEARNING_DIFFICULTY', true, true, ${doc.id}, 'SENT_OFF', true, '2020-04-28', ${p.users.schoolA.id}, now()
        FROM generate_series(1, ${ROWS}) AS i`;
    await db.$executeRaw`INSERT INTO "VocationalClass" (id, "vocationalSchoolId", year, name, code, major, "sizeLimit", "headTeacherName", "headTeacherPhone", "updatedAt")
      SELECT 'c' || k, ${p.vocA.id}, 2020, '2020级' || k || '班', k::text, '电子技术', 80, '钱老师', '13912345678', now() FROM generate_series(1, 70) AS k`;
    await db.$executeRaw`
      INSERT INTO "Enrolment" (id, "applicationId", year, "countyId", "middleSchoolId", "vocationalSchoolId", "sentOffAt", "sentOffById",
        "arrivalStatus", "arrivedOn", "classId", "studentNo", "updatedAt")
      SELECT 'e' || a.id, a.id, 2020, a."countyId", a."middleSchoolId", a."vocationalSchoolId", now(), ${p.users.countyA.id},
             'ARRIVED', '2020-05-08', 'c' || (substr(a.id, 2)::int % 70 + 1), '2020' || lpad(substr(a.id, 2), 5, '0'), now()
        FROM "Application" a WHERE a."vocationalSchoolId" = ${p.vocA.id}`;
    await db.$disconnect();

    allowServerModules();
    const { annex4Sheets } = await import("../src/server/roster/roster");
    const { writeAnnex4, ANNEX4_HEADER_BOTTOM, ANNEX4_HEADER_TOP, ANNEX4_LABEL, ANNEX4_SCHOOL_PREFIX, ANNEX4_TITLE } = await import("../src/server/exports/annex4");
    const { loadActor } = await import("../src/server/auth/load-actor");
    const actor = (await loadActor(p.users.prefecture.id, 0))!;

    const read = () => annex4Sheets(actor, { year: 2020, schoolId: p.vocA.id, source: "live" });

    // The same output written directly with exceljs: no app code between the rows and the writer.
    type Sheets = Awaited<ReturnType<typeof read>>;
    async function rawWrite(out: Writable, sheets: Sheets) {
      const border = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } } as const;
      const text = { font: { name: "宋体", size: 11 }, alignment: { horizontal: "center", vertical: "middle" }, border, numFmt: "@" } as const;
      const num = { font: { name: "宋体", size: 11 }, alignment: { horizontal: "center", vertical: "middle" }, border } as const;
      const head = { ...text, font: { name: "宋体", size: 11, bold: true }, alignment: { horizontal: "center", vertical: "middle", wrapText: true } } as const;
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
      for (const sheet of sheets) {
        const ws = wb.addWorksheet(sheet.schoolName.slice(0, 31), { pageSetup: { paperSize: 9, orientation: "landscape" }, views: [{ state: "frozen", ySplit: 5, xSplit: 0 }] });
        ws.columns = [6, 10, 6, 22, 10, 24, 12, 18, 14, 16].map((width) => ({ width }));
        ws.addRow([ANNEX4_LABEL]).commit();
        // Merges are declared before a row is committed (the streaming writer cannot go back).
        const title = ws.addRow([ANNEX4_TITLE]);
        title.getCell(1).font = { name: "宋体", size: 18, bold: true };
        ws.mergeCells(2, 1, 2, 10);
        title.commit();
        const schoolLine = ws.addRow([`${ANNEX4_SCHOOL_PREFIX}${sheet.schoolName}`]);
        ws.mergeCells(3, 1, 3, 10);
        schoolLine.commit();
        const headers = [ANNEX4_HEADER_TOP, ANNEX4_HEADER_BOTTOM].map((h) => {
          const row = ws.addRow(h.map((v) => v || null));
          for (let c = 1; c <= 10; c++) row.getCell(c).style = head;
          return row;
        });
        for (const c of [1, 2, 3, 4, 5]) ws.mergeCells(4, c, 5, c);
        ws.mergeCells(4, 6, 4, 8);
        ws.mergeCells(4, 9, 4, 10);
        for (const row of headers) row.commit();
        sheet.rows.forEach((r, i) => {
          const row = ws.addRow([i + 1, r.studentName, r.sex, r.idNumber, r.countyName, r.middleSchoolName, r.middleSchoolClass, r.studentNumber, r.vocationalClass, r.vocationalStudentNo]);
          row.eachCell({ includeEmpty: true }, (c, n) => { c.style = n === 1 ? num : text; });
          row.commit();
        });
        ws.commit();
      }
      await wb.commit();
    }

    // Warm-up once each (module init, query compilation), then REPEATS rounds (default 5). In each round
    // the writer and the raw write run back to back, so both see the same machine load; the ratio is
    // taken per round and the goal is judged on the median round (decision 096).
    const sheets = await read();
    await writeAnnex4(new Counter(), sheets);
    await rawWrite(new Counter(), sheets);
    const repeats = Math.max(1, Number(process.env.BENCH_REPEATS) || 5);
    const readRuns: number[] = [];
    for (let i = 0; i < repeats; i++) readRuns.push(await timeIt(read));
    const base = process.memoryUsage.rss();
    let writerPeak = base, rawPeak = base;
    const writerRuns: number[] = [], rawRuns: number[] = [], ratios: number[] = [];
    let out = new Counter();
    for (let i = 0; i < repeats; i++) {
      out = new Counter();
      peakRss = process.memoryUsage.rss();
      const w = await timeIt(() => writeAnnex4(out, sheets));
      writerPeak = Math.max(writerPeak, peakRss);
      peakRss = process.memoryUsage.rss();
      const r = await timeIt(() => rawWrite(new Counter(), sheets));
      rawPeak = Math.max(rawPeak, peakRss);
      writerRuns.push(w); rawRuns.push(r); ratios.push(w / r);
    }
    // The kernel's high-water mark of this whole process (fixture, reading 5,000 rows, both writers).
    const benchRss = process.resourceUsage().maxRSS * 1024;
    // The export on its own: a process that reads and writes 附件4 as the route does, BENCH_REPEATS times,
    // compiled first as Next compiles server code (one bundle, "react-server" exports) and run on plain
    // Node: the app never runs under tsx, whose on-the-fly compiler holds another ~30 MB.
    const bundle = path.join(root, "node_modules/.cache/zjb-bench/annex4-export-process.mjs");
    execFileSync(path.join(root, "node_modules/.bin/esbuild"), [
      path.join(root, "bench/lib/annex4-export-process.ts"), "--bundle", "--platform=node", "--target=node20", "--format=esm",
      "--conditions=react-server", "--external:pg-native", "--log-level=warning", `--outfile=${bundle}`,
      "--banner:js=import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    ], { stdio: "inherit" });
    const child = JSON.parse(execFileSync(process.execPath, [bundle], {
      env: { ...process.env, DATABASE_URL: url, BENCH_USER_ID: p.users.prefecture.id, BENCH_SCHOOL_ID: p.vocA.id, BENCH_YEAR: "2020", BENCH_REPEATS: String(repeats) },
      encoding: "utf8",
    }).trim().split("\n").pop()!) as { rows: number; bytes: number; runs: number[]; maxRssMb: number };
    const maxRss = child.maxRssMb * 1048576;
    const ratio = median(ratios);
    const rows = sheets.reduce((n, s) => n + s.rows.length, 0);
    const mb = (b: number) => (b / 1048576).toFixed(0);
    const sp = (xs: number[], d = 0) => `${median(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`;
    const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join("/");
    console.log(`BENCH annex4-export rows=${rows} rounds=${repeats} read_ms=${sp(readRuns)} writer_ms=${sp(writerRuns)} raw_ms=${sp(rawRuns)} ratio=${sp(ratios, 2)} writer_peak_rss_mb=${mb(writerPeak)} raw_peak_rss_mb=${mb(rawPeak)} base_rss_mb=${mb(base)} bench_process_peak_rss_mb=${mb(benchRss)} export_ms=${sp(child.runs)} process_peak_rss_mb=${mb(maxRss)} file_kb=${(out.bytes / 1024).toFixed(0)} load=${load}`);
    const failures: string[] = [];
    if (rows !== ROWS) failures.push(`expected ${ROWS} rows, wrote ${rows}`);
    if (child.rows !== ROWS) failures.push(`export process wrote ${child.rows} rows (expected ${ROWS})`);
    if (!(ratio <= GOAL_RATIO)) failures.push(`goal missed: median ratio=${ratio.toFixed(2)} > ${GOAL_RATIO}`);
    if (!(maxRss < GOAL_PEAK_RSS_MB * 1048576)) failures.push(`goal missed: export process peak RSS ${mb(maxRss)} MB ≥ ${GOAL_PEAK_RSS_MB} MB`);
    for (const f of failures) console.error(`BENCH annex4-export FAILED: ${f}`);
    if (failures.length) process.exitCode = 1;
    const { db: appDb } = await import("../src/server/db");
    await appDb().$disconnect();
  } finally {
    await dropDatabase(server, name).catch(() => {});
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
