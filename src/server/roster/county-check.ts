import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { sql } from "@/server/sql";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan, actorAs } from "@/server/auth/permissions";
import { toPage } from "@/server/pagination";
import type { RosterRow } from "./roster";
import { frozenRowsAt } from "./frozen-rows";

// 县市核对, the reading side: which of the county's students in the released 附件4 are checked (the writes,
// checkRosterRow and the others, are in ./roster.ts).

/** A county's check of one student of a released roster (what the roster page shows of it). */
export type RosterCheckView = { status: "CONFIRMED" | "DISCREPANCY" | "RESOLVED"; comment: string | null; answer: string | null };
/** One vocational school's roster released to the county: its students of the county and how many are checked. */
export type CountyRosterPart = { submissionId: string; schoolName: string; version: number; total: number; unchecked: number; discrepancies: number };
export type CountyRosterQuery = { part?: string; q?: string; check?: "" | "UNCHECKED" | "CONFIRMED" | "DISCREPANCY"; page?: number; pageSize?: number };

/**
 * The county's students in each live 附件4 snapshot released to it, one row each (submissionId, ord: its place in
 * the frozen list, row: the frozen row), with the county's check of it (status null: not checked yet). The
 * definition of "to check": the roster page counts and shows these rows, and the inbox's reminder counts them, both
 * from the frozen rows' keys (`countyReleasedKeysSql`, tested equal to this).
 */
export function countyReleasedRowsSql(countyId: string, year: number): Prisma.Sql {
  return Prisma.sql`
      SELECT r."submissionId", x.ord, x.row, k.status::text AS status, k.comment, k.answer
        FROM "RosterRelease" r
        JOIN "RosterSubmission" s ON s.id = r."submissionId"
        CROSS JOIN LATERAL jsonb_array_elements(s.rows) WITH ORDINALITY AS x(row, ord)
        LEFT JOIN "RosterCheck" k ON k."submissionId" = r."submissionId" AND k."enrolmentId" = x.row->>'enrolmentId' AND k."countyId" = ${countyId}
       WHERE r."countyId" = ${countyId} AND s.year = ${year} AND s."supersededAt" IS NULL AND x.row->>'countyId' = ${countyId}`;
}

/**
 * The same rows as `countyReleasedRowsSql` without the frozen rows themselves (submissionId, ord, enrolmentId and the
 * check): from the keys PostgreSQL derives from the frozen rows ("enrolmentIds", "countyIds": decision 102). Reading
 * them costs a ninth of expanding the rows (the twelve schools' snapshots at 9 000 applications: ~1.1 ms against
 * ~9 ms; decision 108). The inbox's reminder and the roster page's counts read these. Tested equal to
 * `countyReleasedRowsSql` for every county of the full-year fixture.
 */
export function countyReleasedKeysSql(countyId: string, year: number): Prisma.Sql {
  return Prisma.sql`
      SELECT r."submissionId", x.ord, x."enrolmentId", k.status::text AS status, k.comment, k.answer
        FROM "RosterRelease" r
        JOIN "RosterSubmission" s ON s.id = r."submissionId"
        CROSS JOIN LATERAL ROWS FROM (jsonb_array_elements_text(s."enrolmentIds"), jsonb_array_elements_text(s."countyIds")) WITH ORDINALITY AS x("enrolmentId", "countyId", ord)
        LEFT JOIN "RosterCheck" k ON k."submissionId" = r."submissionId" AND k."enrolmentId" = x."enrolmentId" AND k."countyId" = ${countyId}
       WHERE r."countyId" = ${countyId} AND s.year = ${year} AND s."supersededAt" IS NULL AND x."countyId" = ${countyId}`;
}

/** How many of the county's students in the live snapshots released to it have no check yet (the inbox asks on every page of a county). */
export function countyUncheckedCountSql(countyId: string, year: number): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS n FROM (${countyReleasedKeysSql(countyId, year)}) m WHERE m.status IS NULL`;
}

/**
 * The county's check of the schools' 附件4 (latest released snapshots): every school's counts, and one page of
 * one school's students of the county (the one asked for, else the first with students still to check), in the
 * order frozen at submission, filtered by its check and by 姓名/身份证号/学号/班级/原初中学校.
 * One statement (decision 100): PostgreSQL counts, filters and pages; only the page's rows reach the app server,
 * however large the county's list. The counts and the filter by check read the frozen rows' keys
 * (`countyReleasedKeysSql`); only the county's rows of the chosen school are taken out of its snapshot
 * (`frozenRowsAt`), for the page's rows and the search (decision 108: expanding every school's snapshot was most of
 * the page's time at 9 000 applications).
 */
export async function countyRosterPage(caller: Actor, year: number, query: CountyRosterQuery = {}) {
  const actor = actorAs(caller, "COUNTY");
  assertCan(actor, "roster.check");
  const countyId = actor.countyId;
  const size = Math.max(1, Math.min(query.pageSize ?? 50, 10_000));
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const q = (query.q ?? "").trim();
  const check = query.check ?? "";
  const [r] = await sql.$queryRaw<{
    parts: CountyRosterPart[] | null; part: string | null; total: number; offset: number;
    rows: { row: RosterRow; status: RosterCheckView["status"] | null; comment: string | null; answer: string | null }[] | null;
  }[]>`
    WITH rel AS MATERIALIZED (
      SELECT r."submissionId", s.version, v.name AS "schoolName", v."sortOrder"
        FROM "RosterRelease" r
        JOIN "RosterSubmission" s ON s.id = r."submissionId"
        JOIN "VocationalSchool" v ON v.id = s."vocationalSchoolId"
       WHERE r."countyId" = ${countyId} AND s.year = ${year} AND s."supersededAt" IS NULL),
    mine AS MATERIALIZED (${countyReleasedKeysSql(countyId, year)}),
    parts AS MATERIALIZED (
      SELECT rel."submissionId", rel."schoolName", rel.version, rel."sortOrder",
             count(m.ord)::int AS total, count(m.ord) FILTER (WHERE m.status IS NULL)::int AS unchecked,
             count(m.ord) FILTER (WHERE m.status <> 'CONFIRMED')::int AS discrepancies
        FROM rel LEFT JOIN mine m ON m."submissionId" = rel."submissionId"
       GROUP BY rel."submissionId", rel."schoolName", rel.version, rel."sortOrder"),
    chosen AS (
      SELECT "submissionId" FROM parts
       ORDER BY ("submissionId" = ${query.part ?? ""}) DESC, (unchecked > 0) DESC, "sortOrder", "submissionId" LIMIT 1),
    -- the chosen school's rows of the county that the check filter keeps
    cand AS MATERIALIZED (
      SELECT m.* FROM mine m
       WHERE m."submissionId" = (SELECT "submissionId" FROM chosen)
         AND CASE ${check}
               WHEN 'UNCHECKED' THEN m.status IS NULL
               WHEN 'CONFIRMED' THEN m.status = 'CONFIRMED'
               WHEN 'DISCREPANCY' THEN m.status <> 'CONFIRMED'
               ELSE TRUE END),
    ${pageBounds("cand_bounds", "cand", page, size)},
    -- the frozen rows taken out of the snapshot by their places: without a search, only the page's; with one, all
    -- of cand, to search
    picked AS MATERIALIZED (
      SELECT array_agg(ord::int ORDER BY ord) AS ords
        FROM (SELECT c.ord FROM cand c ORDER BY c.ord
               LIMIT CASE WHEN ${q} = '' THEN ${size}::int END OFFSET CASE WHEN ${q} = '' THEN (SELECT "offset" FROM cand_bounds) ELSE 0 END) o),
    frozen AS MATERIALIZED (
      SELECT f.ord, f.row
        FROM "RosterSubmission" s, picked p, LATERAL (${frozenRowsAt(Prisma.sql`s.rows`, Prisma.sql`p.ords`)}) f
       WHERE s.id = (SELECT "submissionId" FROM chosen)),
    shown AS MATERIALIZED (
      SELECT c.* FROM cand c
       WHERE ${q} = '' OR EXISTS (
               SELECT 1 FROM frozen f, unnest(ARRAY[f.row->>'studentName', f.row->>'idNumber', f.row->>'vocationalStudentNo', f.row->>'vocationalClass', f.row->>'middleSchoolName']) v
                WHERE f.ord = c.ord AND strpos(upper(v), upper(${q})) > 0)),
    ${pageBounds("bounds", "shown", page, size)}
    SELECT (SELECT json_agg(json_build_object('submissionId', p."submissionId", 'schoolName', p."schoolName", 'version', p.version,
                   'total', p.total, 'unchecked', p.unchecked, 'discrepancies', p.discrepancies) ORDER BY p."sortOrder", p."submissionId")
              FROM parts p) AS parts,
           (SELECT "submissionId" FROM chosen) AS part,
           b.total, b."offset",
           (SELECT json_agg(json_build_object('row', f.row, 'status', x.status, 'comment', x.comment, 'answer', x.answer) ORDER BY x.ord)
              FROM (SELECT * FROM shown ORDER BY ord LIMIT ${size} OFFSET b."offset") x JOIN frozen f ON f.ord = x.ord) AS rows
      FROM bounds b`;
  const summary = r.parts ?? [];
  const chosen = summary.find((p) => p.submissionId === r.part);
  if (!chosen) return { summary, part: null };
  const rows = (r.rows ?? []).map((x) => ({ ...x.row, check: x.status ? { status: x.status, comment: x.comment, answer: x.answer } : null }));
  return { summary, part: { ...chosen, page: toPage(rows, r.total, r.offset / size + 1, size) } };
}

/** `name AS (total, offset)`: the size of `of` and the offset of page `page` of `size` rows in it (a page past the end: the last one). */
function pageBounds(name: string, of: string, page: number, size: number): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(`"${name}"`)} AS (
      SELECT count(*)::int AS total, LEAST((${page} - 1) * ${size}, GREATEST(0, (count(*)::int + ${size} - 1) / ${size} - 1) * ${size}) AS "offset" FROM ${Prisma.raw(`"${of}"`)})`;
}
