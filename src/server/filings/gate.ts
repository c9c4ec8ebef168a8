import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";

export type GateRow = { key: string; name: string; kind: "county" | "voc"; ord: number; ok: boolean };

/**
 * 八（一）: 实施方案 "报州教育体育局审核通过后才能实施". Checked inside the send-off transaction:
 * - the county whose students are sent must have its year's 实施方案 approved;
 * - a prefecture-level vocational school receiving them must have its own approved (its plan is
 *   what it "implements" by enrolling; decision 016);
 * - unless the prefecture recorded a waiver for that filer and year.
 * County vocational schools file no 实施方案 (their county's covers them), so they gate nothing.
 *
 * The query is a fragment, so that the send-off reads it in the same statement as its batch and cap
 * pre-check (decision 098); `countyIds` and `vocIds` are SQL `text[]` expressions (that statement takes them
 * from the rows it has just locked). `checkImplementationPlanGate` is the refusal.
 */
export function implementationPlanGateSql(year: number, countyIds: Prisma.Sql, vocIds: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH k AS (
      SELECT 'county:' || c.id AS key, c.name, 'county' AS kind, c."sortOrder" AS ord FROM "County" c WHERE c.id = ANY(${countyIds})
      UNION ALL
      SELECT 'voc:' || v.id, v."fullName", 'voc', 1000 + v."sortOrder" FROM "VocationalSchool" v
       WHERE v.id = ANY(${vocIds}) AND v."countyId" IS NULL)
    SELECT k.key, k.name, k.kind, k.ord,
           (EXISTS (SELECT 1 FROM "Filing" f WHERE f.kind = 'IMPLEMENTATION_PLAN' AND f.year = ${year}
                     AND f."filerKey" = k.key AND f.status = 'APPROVED')
            OR EXISTS (SELECT 1 FROM "FilingWaiver" w WHERE w.year = ${year} AND w."filerKey" = k.key AND w."revokedAt" IS NULL)) AS ok
      FROM k`;
}

/** Refuses with the first filer (counties first, in their order) whose 实施方案 is neither approved nor waived. */
export function checkImplementationPlanGate(year: number, rows: GateRow[]) {
  const missing = [...rows].sort((a, b) => a.ord - b.ord).find((r) => !r.ok);
  if (!missing) return;
  throw new AppError("INVALID_STATE", missing.kind === "county"
    ? `${missing.name}${year}年义务教育职教班实施方案尚未经州教育体育局审核通过（“审核通过后才能实施”），暂时不能送读。请在“报送材料”中提交实施方案，审核通过后再送读。`
    : `${missing.name}${year}年义务教育职教班实施方案尚未经州教育体育局审核通过，暂时不能向该校送读学生。请联系该校报送实施方案，或联系州教育体育局。`);
}
