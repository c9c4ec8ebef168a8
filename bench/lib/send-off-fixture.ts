// Prepares the send-off benchmark database: a prefecture with an issued 2020 plan (county cap 100),
// the 2020 calendar and 500 approved applications. Prints JSON for the benchmark driver.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../src/generated/prisma/client";
import { createMiniPrefecture, createUser } from "../../prisma/factories";
import { allocate, createIssuedPlan } from "../../prisma/factories/plan";
import { createApplications } from "../../prisma/factories/applications";
import { createStandardCalendar } from "../../prisma/factories/calendar";
import { approveImplementationPlans } from "../../prisma/factories/filings";

async function main() {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 4 }) });
  const p = await createMiniPrefecture(db);
  await createStandardCalendar(db);
  await createIssuedPlan(db, {
    year: 2020, createdById: p.users.prefecture.id,
    counties: [{ countyId: p.countyA.id, sendOffCap: 100 }, { countyId: p.countyB.id, sendOffCap: 100 }],
    vocational: [{ vocationalSchoolId: p.vocA.id, enrolCap: 1000 }, { vocationalSchoolId: p.vocP.id, enrolCap: 1000 }],
  });
  await allocate(db, 2020, p.schoolA.id, 1000);
  await approveImplementationPlans(db, { year: 2020, countyIds: [p.countyA.id], byUserId: p.users.prefecture.id });
  const user = await createUser(db, { role: "COUNTY", orgId: p.countyA.id, username: `bench-county-${Date.now()}`, password: "bench1234" });
  const ids = await createApplications(db, { count: 500, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: user.id });
  await db.$disconnect();
  console.log(JSON.stringify({ username: user.username, password: "bench1234", applicationIds: ids }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
