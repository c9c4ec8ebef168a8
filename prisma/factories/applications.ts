// Factories for 附件3 applications, shared by prisma/seed.ts, the Vitest tests and the benchmark.
// Plain Prisma (no `server-only`), so they also run under tsx.
import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";
import type { PrismaClient } from "../../src/generated/prisma/client";
import ExcelJS from "exceljs";
import { idCheckDigit } from "../../src/lib/validators/id-number";
import { nextSeq } from "./ids";
import { IMPORT_COLUMNS, IMPORT_SHEET_NAME, type ImportColumnKey } from "../../src/lib/schemas/application-import";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PrismaClient<never, any>;

// ───── ID numbers ─────

/** A valid 18-character ID number (GB 11643) for the given region, birth date and sex. */
export function validIdNumber(opts: { region?: string; birthDate?: string; sex?: "MALE" | "FEMALE"; seq?: number } = {}) {
  const region = opts.region ?? "532301";
  const birth = (opts.birthDate ?? "2005-06-15").replace(/-/g, "");
  const seq = String((opts.seq ?? 0) % 100).padStart(2, "0");
  const sexDigit = opts.sex === "FEMALE" ? "2" : "1"; // the 17th digit: odd = male, even = female
  const first17 = `${region}${birth}${seq}${sexDigit}`;
  return first17 + idCheckDigit(first17);
}

// Valid 楚雄州 region codes: with 3 birth years × 12 months × 28 days × 100 sequences × 5 sex digits they
// give 5 040 000 distinct numbers per sex before the sequence wraps.
const REGIONS = ["532301", "532322", "532323", "532324", "532325", "532326", "532327", "532328", "532329", "532331"];
/**
 * A fresh, valid ID number on every call (from the one factory sequence, ./ids.ts), so tests sharing
 * one database never collide on "one live application per person and year".
 */
export function nextIdNumber(sex: "MALE" | "FEMALE" = "MALE", region?: string) {
  const n = nextSeq();
  const year = 2004 + (n % 3);
  const month = 1 + (Math.floor(n / 3) % 12);
  const day = 1 + (Math.floor(n / 36) % 28);
  const seq = Math.floor(n / 1008) % 100;
  const sexDigit = sex === "FEMALE" ? 2 * (Math.floor(n / 100_800) % 5) : 1 + 2 * (Math.floor(n / 100_800) % 5);
  const r = region ?? REGIONS[Math.floor(n / 504_000) % REGIONS.length];
  const first17 = `${r}${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${String(seq).padStart(2, "0")}${sexDigit}`;
  return first17 + idCheckDigit(first17);
}

/** A fresh 14-digit 初中学籍号 (with a leading zero, as many real ones have). */
export function nextStudentNumber() {
  return `0${String(5323010000000 + nextSeq()).slice(-13)}`;
}

// ───── raw input (what the form / import sends) ─────

export type RawApplication = {
  className: string; headTeacherName: string; headTeacherPhone: string; studentName: string; sex: string;
  studentPhone: string; address: { county: string; township: string; village: string; street: string };
  studentNumber: string; idNumber: string; guardianName: string; guardianRelation: string; guardianPhone: string;
  reason: string; vocationalSchoolId: string; major: string; eligibilityGround: string; shanghaiFlag: boolean;
};

const SURNAMES = ["李", "王", "张", "杨", "赵", "罗", "普", "者", "鲁", "起"];
const GIVEN = ["明", "华", "建国", "小兰", "文", "秀英", "志强", "丽", "成", "云"];

/** A valid raw application (male student, 父子) — override any field. */
export function applicationInput(vocationalSchoolId: string, overrides: Partial<RawApplication> = {}): RawApplication {
  const n = nextSeq(); // only for a varied name
  const sex = overrides.sex === "FEMALE" ? "FEMALE" : "MALE";
  return {
    className: "九年级（3）班",
    headTeacherName: "李老师",
    headTeacherPhone: "13887812345",
    studentName: `${SURNAMES[n % 10]}${GIVEN[Math.floor(n / 10) % 10]}`,
    sex,
    studentPhone: "15912345678",
    address: { county: "楚雄市", township: "东瓜镇", village: "东瓜村委会", street: "小村" },
    studentNumber: nextStudentNumber(),
    idNumber: nextIdNumber(sex),
    guardianName: "李大山",
    guardianRelation: sex === "FEMALE" ? "父女" : "父子",
    guardianPhone: "18687654321",
    reason: "",
    vocationalSchoolId,
    major: "",
    eligibilityGround: "LEARNING_DIFFICULTY",
    shanghaiFlag: false,
    ...overrides,
  };
}

// ───── tiny valid files ─────

function crc32(buf: Buffer) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function pngChunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A valid w×h grey PNG (a stand-in for a photo of the signed form). */
export function tinyPng(width = 8, height = 8): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * height, 0xcc);
  for (let y = 0; y < height; y++) raw[y * (width + 1)] = 0; // filter byte per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(raw)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A minimal valid one-page PDF. */
export function tinyPdf(): Buffer {
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** The first bytes of a Windows executable ("MZ"), for "renamed .exe" tests. */
export function fakeExe(): Buffer {
  const b = Buffer.alloc(256, 0);
  b.write("MZ", 0, "ascii");
  b.write("This program cannot be run in DOS mode.", 78, "ascii");
  return b;
}

// ───── rows ─────

export async function createConsentDocument(
  db: Db,
  owner: { countyId: string; middleSchoolId: string; uploadedById: string },
  bytes: Buffer = tinyPng(),
) {
  return db.document.create({
    data: {
      kind: "CONSENT_SCAN",
      fileName: "签字申请表.png",
      mimeType: "image/png",
      size: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      countyId: owner.countyId,
      middleSchoolId: owner.middleSchoolId,
      uploadedById: owner.uploadedById,
      blob: { create: { bytes: new Uint8Array(bytes) } },
    },
  });
}

type RowOpts = {
  year?: number;
  middleSchoolId: string;
  vocationalSchoolId: string;
  enteredById: string;
  status?: "DRAFT" | "SIGNED" | "APPROVED" | "REJECTED" | "WITHDRAWN";
  input?: Partial<RawApplication>;
  reviewDate?: string;
};

const RELATION_CODES: Record<string, "FATHER_SON" | "FATHER_DAUGHTER" | "MOTHER_SON" | "MOTHER_DAUGHTER" | "OTHER"> = {
  父子: "FATHER_SON", 父女: "FATHER_DAUGHTER", 母子: "MOTHER_SON", 母女: "MOTHER_DAUGHTER", 其他: "OTHER",
};

/**
 * An application row written directly (no window guard, no validation beyond the database's):
 * for tests that need a given state, and for the demo seed. SIGNED / APPROVED / REJECTED rows get
 * both signatures and a consent scan (a tiny PNG).
 */
export async function createApplicationRow(db: Db, opts: RowOpts) {
  const school = await db.middleSchool.findUniqueOrThrow({ where: { id: opts.middleSchoolId }, select: { countyId: true } });
  const raw = applicationInput(opts.vocationalSchoolId, opts.input);
  const status = opts.status ?? "DRAFT";
  const consented = status !== "DRAFT";
  const doc = consented
    ? await createConsentDocument(db, { countyId: school.countyId, middleSchoolId: opts.middleSchoolId, uploadedById: opts.enteredById })
    : null;
  const reviewed = status === "APPROVED" || status === "REJECTED";
  const id = raw.idNumber;
  return db.application.create({
    data: {
      year: opts.year ?? 2020,
      countyId: school.countyId,
      middleSchoolId: opts.middleSchoolId,
      className: raw.className,
      headTeacherName: raw.headTeacherName,
      headTeacherPhone: raw.headTeacherPhone,
      studentName: raw.studentName,
      sex: raw.sex === "FEMALE" ? "FEMALE" : "MALE",
      studentPhone: raw.studentPhone,
      addressCounty: raw.address.county,
      addressTownship: raw.address.township,
      addressVillage: raw.address.village,
      addressStreet: raw.address.street,
      studentNumber: raw.studentNumber,
      idNumber: id,
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      guardianName: raw.guardianName,
      guardianRelation: RELATION_CODES[raw.guardianRelation] ?? "OTHER",
      guardianPhone: raw.guardianPhone,
      reason: raw.reason || null,
      vocationalSchoolId: opts.vocationalSchoolId,
      major: raw.major || null,
      eligibilityGround: raw.eligibilityGround === "RETURNED_DROPOUT" ? "RETURNED_DROPOUT" : "LEARNING_DIFFICULTY",
      shanghaiFlag: raw.shanghaiFlag,
      studentSigned: consented,
      guardianSigned: consented,
      consentDocumentId: doc?.id ?? null,
      status,
      reviewDecision: reviewed ? status === "APPROVED" : null,
      reviewDate: reviewed ? (opts.reviewDate ?? "2020-05-06") : null,
      reviewedById: reviewed ? opts.enteredById : null,
      withdrawnAt: status === "WITHDRAWN" ? new Date("2020-05-07T02:00:00Z") : null,
      withdrawReason: status === "WITHDRAWN" ? "学生及监护人自愿撤回" : null,
      enteredById: opts.enteredById,
    },
  });
}

/**
 * `count` applications of one school in the given state (APPROVED by default: both signatures, a
 * consent scan, 同意 on 2020-04-28), named 学生001… in classes 初三(1)班…(3)班, boys and girls in turn.
 */
export async function createApplications(
  db: Db,
  opts: { count: number; year?: number; middleSchoolId: string; vocationalSchoolId: string; enteredById: string; status?: "DRAFT" | "SIGNED" | "APPROVED" | "REJECTED"; shanghaiFlag?: boolean; className?: string },
) {
  const ids: string[] = [];
  for (let i = 0; i < opts.count; i++) {
    const sex = i % 2 === 0 ? "MALE" : "FEMALE";
    const row = await createApplicationRow(db, {
      year: opts.year, middleSchoolId: opts.middleSchoolId, vocationalSchoolId: opts.vocationalSchoolId, enteredById: opts.enteredById,
      status: opts.status ?? "APPROVED", reviewDate: "2020-04-28",
      input: {
        className: opts.className ?? `初三(${1 + (i % 3)})班`, studentName: `学生${String(i + 1).padStart(3, "0")}`,
        sex, idNumber: nextIdNumber(sex), guardianRelation: sex === "MALE" ? "父子" : "母女", shanghaiFlag: opts.shanghaiFlag ?? false,
      },
    });
    ids.push(row.id);
  }
  return ids;
}

// ───── demo data ─────

type DemoStudent = { name: string; sex: "MALE" | "FEMALE"; school: string; major?: string; shanghai?: boolean; className: string };

const DEMO: { middleSchool: string; region: string; county: string; students: DemoStudent[] }[] = [
  {
    middleSchool: "楚雄市第一中学", region: "532301", county: "楚雄市",
    students: [
      { name: "李志强", sex: "MALE", school: "楚雄市职中", major: "汽车运用与维修", className: "九年级（1）班" },
      { name: "杨秀英", sex: "FEMALE", school: "楚雄市职中", major: "中餐烹饪", className: "九年级（1）班" },
      { name: "张建国", sex: "MALE", school: "楚雄市职中", className: "九年级（2）班" },
      { name: "罗小兰", sex: "FEMALE", school: "楚雄技师学院", major: "电子商务", shanghai: true, className: "九年级（2）班" },
      { name: "普文成", sex: "MALE", school: "楚雄技师学院", shanghai: true, className: "九年级（3）班" },
      { name: "赵云", sex: "MALE", school: "楚雄机电学校", major: "机电技术应用", className: "九年级（3）班" },
    ],
  },
  {
    middleSchool: "双柏县第一中学", region: "532322", county: "双柏县",
    students: [
      { name: "者明华", sex: "MALE", school: "双柏县职中", major: "现代农艺技术", className: "九年级（1）班" },
      { name: "鲁丽", sex: "FEMALE", school: "双柏县职中", className: "九年级（1）班" },
      { name: "起成", sex: "MALE", school: "双柏县职中", className: "九年级（4）班" },
      { name: "王小兰", sex: "FEMALE", school: "楚雄技师学院", shanghai: true, className: "九年级（4）班" },
    ],
  },
];

/**
 * The demo's approved 2020 applications (both signatures, a scan, 同意 on 2020-05-06), so that the
 * send-off pages have applicants: 6 at 楚雄市第一中学 and 4 at 双柏县第一中学. All ID numbers are valid.
 */
export async function createDemoApplications(db: Db) {
  let count = 0;
  for (const group of DEMO) {
    const ms = await db.middleSchool.findFirst({ where: { name: group.middleSchool, county: { name: group.county } } });
    if (!ms) continue;
    const staff = await db.user.findFirst({ where: { middleSchoolId: ms.id }, orderBy: { username: "asc" } });
    if (!staff) continue;
    for (const [i, s] of group.students.entries()) {
      const voc = await db.vocationalSchool.findFirst({ where: { name: s.school } });
      if (!voc) continue;
      const idNumber = validIdNumber({ region: group.region, birthDate: `2005-0${1 + (i % 9)}-1${i}`, sex: s.sex, seq: i + 1 });
      await createApplicationRow(db, {
        year: 2020,
        middleSchoolId: ms.id,
        vocationalSchoolId: voc.id,
        enteredById: staff.id,
        status: "APPROVED",
        reviewDate: "2020-05-06",
        input: {
          studentName: s.name,
          sex: s.sex,
          className: s.className,
          idNumber,
          studentNumber: `0${group.region}${String(2017000 + i + 1).padStart(7, "0")}`.slice(0, 14),
          guardianName: `${s.name.slice(0, 1)}家长`,
          guardianRelation: s.sex === "FEMALE" ? "母女" : "母子",
          address: { county: group.county, township: "鹿城镇", village: "东兴社区居委会", street: "东兴村" },
          major: s.major ?? "",
          shanghaiFlag: s.shanghai ?? false,
          eligibilityGround: i % 3 === 2 ? "RETURNED_DROPOUT" : "LEARNING_DIFFICULTY",
          headTeacherName: "王老师",
          headTeacherPhone: "13887800000".slice(0, 10) + String(i),
          studentPhone: `1598780${String(1000 + i).slice(-4)}`,
          guardianPhone: `1878780${String(2000 + i).slice(-4)}`,
        },
      });
      count++;
    }
  }
  return count;
}

// ───── import files ─────

export type ImportRow = Record<ImportColumnKey, string>;

/** One template row (the texts a teacher would type) for a raw application and the school's short name. */
export function importRow(raw: RawApplication, schoolName: string): ImportRow {
  return {
    className: raw.className,
    headTeacherName: raw.headTeacherName,
    headTeacherPhone: raw.headTeacherPhone,
    studentName: raw.studentName,
    sex: raw.sex === "FEMALE" ? "女" : raw.sex === "MALE" ? "男" : raw.sex,
    studentPhone: raw.studentPhone,
    "address.county": raw.address.county,
    "address.township": raw.address.township,
    "address.village": raw.address.village,
    "address.street": raw.address.street,
    studentNumber: raw.studentNumber,
    idNumber: raw.idNumber,
    guardianName: raw.guardianName,
    guardianRelation: raw.guardianRelation,
    guardianPhone: raw.guardianPhone,
    vocationalSchool: schoolName,
    major: raw.major,
    eligibilityGround: raw.eligibilityGround === "RETURNED_DROPOUT" ? "（二）" : "（一）",
    shanghaiFlag: raw.shanghaiFlag ? "是" : "否",
    reason: raw.reason,
  };
}

/**
 * An .xlsx laid out like the downloadable template (sheet "报名申请", headers in row 1, data from
 * row 2, every cell text). `template` = the bytes of a downloaded template to fill instead.
 */
export async function importWorkbook(rows: ImportRow[], template?: Buffer): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (template) await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(IMPORT_SHEET_NAME) ?? wb.addWorksheet(IMPORT_SHEET_NAME);
  IMPORT_COLUMNS.forEach((c, i) => (ws.getCell(1, i + 1).value = c.header));
  rows.forEach((r, j) => {
    IMPORT_COLUMNS.forEach((c, i) => {
      ws.getCell(j + 2, i + 1).value = r[c.key];
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
