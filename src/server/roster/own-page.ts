import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { sql, type RawSql } from "@/server/sql";
import type { Actor } from "@/server/auth/load-actor";
import { forbidden } from "@/server/errors";
import { toPage, type Page } from "@/server/pagination";
import { sortRosterRows } from "@/lib/roster-order";
import { liveRosterFrom, liveRosters, type RosterRow } from "./roster";

/**
 * A vocational school's live list a page at a time (the roster page; decision 102). The policy's order needs
 * every row's place, and the collator's order is Node's (PostgreSQL's ICU collations are not on the embedded
 * database): so the keys of the whole list are read — five short columns, plus the two searched ones when a
 * search is typed — sorted and filtered here, and the full rows only of the page shown.
 */
export type OwnRosterRow = RosterRow & { n: number };

type Key = {
  enrolmentId: string; countyOrder: number; middleSchoolName: string; middleSchoolClass: string; studentName: string; idNumber: string;
  vocationalClass?: string; vocationalStudentNo?: string;
};

/** 姓名、身份证号、学号、班级 or 原初中学校 contains the words typed (the full ID is searched, the list shows it masked). */
export function matchesRosterSearch(q: string) {
  const needle = q.toUpperCase();
  return (r: { studentName: string; idNumber: string; vocationalStudentNo?: string; vocationalClass?: string; middleSchoolName: string }) =>
    !q || [r.studentName, r.idNumber, r.vocationalStudentNo ?? "", r.vocationalClass ?? "", r.middleSchoolName].some((v) => v.toUpperCase().includes(needle));
}

async function liveKeys(client: RawSql, vocationalSchoolId: string, year: number, searched: boolean): Promise<Key[]> {
  // The class join costs nothing when its columns are not asked for: PostgreSQL drops a LEFT JOIN on a key it does not read.
  return client.$queryRaw<Key[]>`
    SELECT e.id AS "enrolmentId", c."sortOrder" AS "countyOrder", m.name AS "middleSchoolName", a."className" AS "middleSchoolClass",
           a."studentName", a."idNumber"
           ${searched ? Prisma.sql`, COALESCE(k.name, '') AS "vocationalClass", COALESCE(e."studentNo", '') AS "vocationalStudentNo"` : Prisma.empty}
    ${liveRosterFrom([vocationalSchoolId], year)}`;
}

/**
 * The page of the live list (numbered in the whole list's order) matching `q`, and the size of the whole list.
 * A page past the end shows the last one. The same rows and order as `liveRoster`, which the export and the
 * submission read whole (tested equal).
 */
export async function ownRosterPage(actor: Actor, year: number, query: { q: string; page: number; pageSize: number }): Promise<{ total: number; page: Page<OwnRosterRow> }> {
  if (actor.role !== "VOCATIONAL_SCHOOL" || !actor.vocationalSchoolId) throw forbidden();
  const schoolId = actor.vocationalSchoolId;
  const keys = sortRosterRows(await liveKeys(sql, schoolId, year, query.q !== ""));
  const matches = matchesRosterSearch(query.q);
  const found = keys.map((k, i) => ({ k, n: i + 1 })).filter(({ k }) => matches(k));
  const last = Math.max(1, Math.ceil(found.length / query.pageSize));
  const p = Math.min(query.page, last);
  const shown = found.slice((p - 1) * query.pageSize, p * query.pageSize);
  const rows = shown.length ? (await liveRosters(sql, [schoolId], year, { ordered: false, enrolmentIds: shown.map(({ k }) => k.enrolmentId) })).get(schoolId) ?? [] : [];
  const byId = new Map(rows.map((r) => [r.enrolmentId, r]));
  // A student who left between the two reads is left out of the page rather than shown half.
  const items = shown.flatMap(({ k, n }) => { const r = byId.get(k.enrolmentId); return r ? [{ ...r, n }] : []; });
  return { total: keys.length, page: toPage(items, found.length, p, query.pageSize) };
}
