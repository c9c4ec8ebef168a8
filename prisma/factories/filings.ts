// Factories for filings (实施方案 etc.): shared by prisma/seed-filings.ts, the Vitest tests and benchmarks.
import type { PrismaClient } from "../../src/generated/prisma/client";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PrismaClient<never, any>;

/**
 * An approved 实施方案 (version 1) for each county and prefecture-level vocational school given, so that
 * send-off is allowed for them (the policy: "审核通过后才能实施"). Idempotent per filer and year.
 */
export async function approveImplementationPlans(
  db: Db,
  opts: { year: number; countyIds?: string[]; vocationalSchoolIds?: string[]; byUserId: string; reviewerId?: string; on?: string },
) {
  const filers = [
    ...(opts.countyIds ?? []).map((id) => ({ filerKey: `county:${id}`, countyId: id, vocationalSchoolId: null })),
    ...(opts.vocationalSchoolIds ?? []).map((id) => ({ filerKey: `voc:${id}`, countyId: null, vocationalSchoolId: id })),
  ];
  for (const f of filers) {
    const exists = await db.filing.findFirst({ where: { kind: "IMPLEMENTATION_PLAN", year: opts.year, filerKey: f.filerKey, status: "APPROVED" } });
    if (exists) continue;
    const last = await db.filing.findFirst({ where: { kind: "IMPLEMENTATION_PLAN", year: opts.year, filerKey: f.filerKey }, orderBy: { version: "desc" } });
    await db.filing.create({
      data: {
        kind: "IMPLEMENTATION_PLAN", year: opts.year, version: (last?.version ?? 0) + 1, ...f, status: "APPROVED",
        content: { summary: `${opts.year}年义务教育职教班实施方案（按州实施方案制定，明确组织领导、宣传报名、送读和巩固措施）。` },
        submittedOn: opts.on ?? `${opts.year}-03-20`, submittedAt: new Date(), submittedById: opts.byUserId,
        reviewedById: opts.reviewerId ?? opts.byUserId, reviewedAt: new Date(), reviewComment: null, createdById: opts.byUserId,
      },
    });
  }
}
