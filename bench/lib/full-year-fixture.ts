// Builds the full-year prefecture (prisma/factories/full-year.ts) into DATABASE_URL (migrated, empty) and
// prints, as its last stdout line, the JSON the load benchmarks read:
//   DATABASE_URL=… npx tsx bench/lib/full-year-fixture.ts --applications 9000 [--seed 1] [--year 2020]
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../src/generated/prisma/client";
import { buildFullYear } from "../../prisma/factories/full-year";

function arg(name: string, fallback: number) {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} must be a whole number`);
  return v;
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }) });
  try {
    const f = await buildFullYear(db, { applications: arg("applications", 9000), seed: arg("seed", 1), year: arg("year", 2020) });
    console.error(`[full-year] ${f.applications} applications, ${f.counts.enrolments} enrolments, ${f.users.length} users in ${f.seconds} s`);
    console.log(JSON.stringify({
      year: f.year, trainingDate: f.trainingDate, password: f.password, users: f.users, applications: f.applications,
      sendOffApplicationIds: f.sendOffApplicationIds, sampleApplicationIds: f.sampleApplicationIds, sampleStudentIds: f.sampleStudentIds,
      counts: f.counts, seconds: f.seconds,
    }));
  } finally {
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
