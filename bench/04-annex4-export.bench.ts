// 附件4 export of 5,000 students: the app's path (scoped read + sort + styled streaming workbook)
// against a raw exceljs streaming write of the same rows, in the same run.
import { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../src/generated/prisma/client";
import { createMiniPrefecture } from "../tests/factories";
import { ensureCalendar } from "../tests/factories/send-off";
import { createDatabase, dropDatabase, migrate } from "../scripts/lib/db.mjs";

const ROWS = 5000;

function allowServerModules() {
  const p = require.resolve("server-only");
  require.cache[p] ??= { id: p, filename: p, loaded: true, exports: {} } as unknown as NodeJS.Module;
}

class Counter extends Writable {
  bytes = 0;
  _write(chunk: Buffer, _enc: string, cb: () => void) { this.bytes += chunk.length; cb(); }
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
    await ensureCalendar(db);
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
    const { writeAnnex4 } = await import("../src/server/exports/annex4");
    const { loadActor } = await import("../src/server/auth/load-actor");
    const actor = (await loadActor(p.users.prefecture.id, 0))!;

    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
    const base = process.memoryUsage().rss;

    // Warm-up once (module init, query compilation), then measure.
    const warm = new Counter();
    await writeAnnex4(warm, await annex4Sheets(actor, { year: 2020, schoolId: p.vocA.id, source: "live" }));

    const t0 = performance.now();
    const sheets = await annex4Sheets(actor, { year: 2020, schoolId: p.vocA.id, source: "live" });
    const readMs = performance.now() - t0;
    const out = new Counter();
    await writeAnnex4(out, sheets);
    const ms = performance.now() - t0;
    const rows = sheets.reduce((n, s) => n + s.rows.length, 0);

    const rawRows = sheets[0].rows;
    const t1 = performance.now();
    const raw = new Counter();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: raw, useStyles: false, useSharedStrings: false });
    const ws = wb.addWorksheet("raw");
    rawRows.forEach((r, i) => ws.addRow([i + 1, r.studentName, r.sex, r.idNumber, r.countyName, r.middleSchoolName, r.middleSchoolClass, r.studentNumber, r.vocationalClass, r.vocationalStudentNo]).commit());
    ws.commit();
    await wb.commit();
    const rawMs = performance.now() - t1;
    clearInterval(sampler);
    console.log(`BENCH annex4-export rows=${rows} ms=${ms.toFixed(0)} read_ms=${readMs.toFixed(0)} raw_ms=${rawMs.toFixed(0)} ratio=${(ms / rawMs).toFixed(2)} peak_mb=${((peak - base) / 1048576).toFixed(0)} process_peak_mb=${(peak / 1048576).toFixed(0)} file_kb=${(out.bytes / 1024).toFixed(0)}`);
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
