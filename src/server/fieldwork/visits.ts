import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan, actorAs } from "@/server/auth/permissions";
import { middleSchoolScope } from "@/server/auth/scope";
import { audit } from "@/server/audit";
import { AppError, notFound } from "@/server/errors";
import { programmeYear } from "@/server/calendar/calendar";
import { storeDocument, SCAN_UPLOAD_RULES, type UploadedFile, type UploadRules } from "@/server/documents/documents";
import { userLabels } from "@/server/user-labels";
import { publicityDateProblem } from "@/lib/fieldwork";
import { chinaDateOf } from "@/lib/china-date";
import { visitScope, yearWindows } from "./rules";

/**
 * 宣传期 publicity visits (《方案》四（二）1 "有关职业学校深入到初级中学，开展…招生宣传和报名工作").
 * A vocational school records its visit; the middle school confirms it; the county sees which of its
 * middle schools nobody visited. A county-level 职中 may visit another county's middle school
 * (docs/decisions/060-publicity-visits-across-counties.md): students choose among all the prefecture's
 * vocational schools, so the visit is recorded and the host county sees it.
 */

const PHOTO_RULES: UploadRules = { ...SCAN_UPLOAD_RULES, hint: "请上传宣传活动的照片（JPG、PNG）或 PDF 文件（宣传材料、签到表等）。" };

export type RecordVisit = {
  middleSchoolId: string; visitedOn: string; people: string; content: string;
  studentsReached: number; parentsReached: number; files: UploadedFile[];
};

export async function recordVisit(caller: Actor, input: RecordVisit, now: Date) {
  const actor = actorAs(caller, "VOCATIONAL_SCHOOL");
  assertCan(actor, "publicity.record");
  const year = programmeYear(now);
  return db().$transaction(async (tx) => {
    // Any active middle school of the prefecture (including another county's): outside it, "not found".
    const school = await tx.middleSchool.findFirst({
      where: { id: input.middleSchoolId, active: true, county: { prefectureId: actor.prefectureId } },
      select: { id: true, name: true, countyId: true, county: { select: { name: true } } },
    });
    if (!school) throw notFound("初中学校");
    const { sendOffEnd } = await yearWindows(tx, year);
    const problem = publicityDateProblem(input.visitedOn, year, chinaDateOf(now), sendOffEnd);
    if (problem) throw new AppError("VALIDATION", problem, { visitedOn: "日期不在本年度宣传走访的时间内" });
    const visit = await tx.publicityVisit.create({
      data: {
        year, vocationalSchoolId: actor.vocationalSchoolId, middleSchoolId: school.id, visitedOn: input.visitedOn,
        people: input.people.trim(), content: input.content.trim(), studentsReached: input.studentsReached,
        parentsReached: input.parentsReached, recordedById: actor.userId, createdAt: now,
      },
    });
    for (const file of input.files) {
      const doc = await storeDocument(tx, actor, {
        kind: "OTHER", file, rules: PHOTO_RULES, entity: { type: "PublicityVisit", id: visit.id },
        // The visiting school, the school visited and its county bureau may open it.
        owner: { vocationalSchoolId: actor.vocationalSchoolId, middleSchoolId: school.id, countyId: school.countyId },
      });
      await tx.publicityVisitFile.create({ data: { visitId: visit.id, documentId: doc.id } });
    }
    await audit(tx, actor, "publicity.record", { type: "PublicityVisit", id: visit.id }, {
      middleSchool: `${school.county.name} ${school.name}`, visitedOn: input.visitedOn, studentsReached: input.studentsReached,
      parentsReached: input.parentsReached, files: input.files.length,
    });
    return { visit, school };
  });
}

/** 确认: the middle school visited confirms the visit took place. */
export async function confirmVisit(actor: Actor, input: { visitId: string }, now: Date) {
  assertCan(actor, "publicity.confirm");
  return db().$transaction(async (tx) => {
    const found = await tx.publicityVisit.findFirst({ where: { AND: [visitScope(actor), { id: input.visitId }] }, select: { id: true } });
    if (!found) throw notFound("宣传走访记录");
    await tx.$queryRaw`SELECT id FROM "PublicityVisit" WHERE id = ${found.id} FOR UPDATE`;
    const visit = await tx.publicityVisit.findUniqueOrThrow({ where: { id: found.id }, include: { vocationalSchool: { select: { name: true } } } });
    if (visit.voidedAt) throw new AppError("INVALID_STATE", "职业学校已作废这条宣传走访记录，无需确认。请刷新页面。");
    if (visit.confirmedAt) return visit;
    const after = await tx.publicityVisit.update({ where: { id: visit.id }, data: { confirmedAt: now, confirmedById: actor.userId }, include: { vocationalSchool: { select: { name: true } } } });
    await audit(tx, actor, "publicity.confirm", { type: "PublicityVisit", id: visit.id }, { vocationalSchool: visit.vocationalSchool.name, visitedOn: visit.visitedOn });
    return after;
  });
}

/** 作废: the vocational school voids its own mistaken record, with a reason (kept, shown as 已作废). */
export async function voidVisit(actor: Actor, input: { visitId: string; reason: string }, now: Date) {
  assertCan(actor, "publicity.record");
  return db().$transaction(async (tx) => {
    const found = await tx.publicityVisit.findFirst({ where: { AND: [visitScope(actor), { id: input.visitId }] }, select: { id: true } });
    if (!found) throw notFound("宣传走访记录");
    await tx.$queryRaw`SELECT id FROM "PublicityVisit" WHERE id = ${found.id} FOR UPDATE`;
    const visit = await tx.publicityVisit.findUniqueOrThrow({ where: { id: found.id } });
    if (visit.voidedAt) throw new AppError("CONFLICT", "这条宣传走访记录已经作废，不能重复作废。");
    const after = await tx.publicityVisit.update({ where: { id: visit.id }, data: { voidedAt: now, voidedById: actor.userId, voidReason: input.reason.trim() } });
    await audit(tx, actor, "publicity.void", { type: "PublicityVisit", id: visit.id }, { visitedOn: visit.visitedOn, reason: input.reason.trim(), wasConfirmed: !!visit.confirmedAt });
    return after;
  });
}

/** The visits of a year the actor may see, newest first (voided ones kept, marked). */
export async function listVisits(actor: Actor, year: number) {
  assertCan(actor, "publicity.read");
  const rows = await db().publicityVisit.findMany({
    where: { AND: [visitScope(actor), { year }] },
    include: {
      vocationalSchool: { select: { name: true, countyId: true } },
      middleSchool: { select: { name: true, countyId: true, county: { select: { name: true } } } },
      files: { include: { document: { select: { id: true, fileName: true } } } },
    },
    orderBy: [{ visitedOn: "desc" }, { createdAt: "desc" }],
  });
  const who = await userLabels(db(), rows.flatMap((v) => [v.recordedById, v.confirmedById, v.voidedById]));
  return rows.map((v) => ({
    id: v.id, visitedOn: v.visitedOn, people: v.people, content: v.content, studentsReached: v.studentsReached, parentsReached: v.parentsReached,
    vocationalSchoolName: v.vocationalSchool.name, middleSchoolId: v.middleSchoolId, middleSchoolName: v.middleSchool.name, countyName: v.middleSchool.county.name,
    // A county-level 职中 visiting another county's school (allowed, decision 060): shown to the host county.
    otherCounty: v.vocationalSchool.countyId !== null && v.vocationalSchool.countyId !== v.middleSchool.countyId,
    recordedBy: who(v.recordedById), confirmedAt: v.confirmedAt, confirmedBy: who(v.confirmedById),
    voidedAt: v.voidedAt, voidReason: v.voidReason,
    files: v.files.map((f) => f.document),
  }));
}
export type VisitRow = Awaited<ReturnType<typeof listVisits>>[number];

/**
 * Coverage for a bureau: every active middle school in its scope with the year's live (not voided)
 * visits — "visited" = at least one live visit; "confirmed" = the school confirmed one.
 */
export async function visitCoverage(actor: Actor, year: number) {
  assertCan(actor, "publicity.coverage");
  const schools = await db().middleSchool.findMany({
    where: { AND: [middleSchoolScope(actor), { active: true }] },
    select: {
      id: true, name: true, county: { select: { name: true, sortOrder: true } },
      publicityVisits: { where: { year, voidedAt: null }, select: { confirmedAt: true, vocationalSchool: { select: { name: true } } } },
    },
    orderBy: [{ county: { sortOrder: "asc" } }, { name: "asc" }],
  });
  return schools.map((s) => ({
    id: s.id, name: s.name, countyName: s.county.name, visits: s.publicityVisits.length,
    confirmed: s.publicityVisits.filter((v) => v.confirmedAt).length,
    by: [...new Set(s.publicityVisits.map((v) => v.vocationalSchool.name))],
  }));
}

/** The middle schools a vocational school may choose for a visit: all active ones of the prefecture. */
export async function visitableMiddleSchools(actor: Actor) {
  assertCan(actor, "publicity.record");
  const rows = await db().middleSchool.findMany({
    where: { active: true, county: { prefectureId: actor.prefectureId } },
    select: { id: true, name: true, countyId: true, county: { select: { name: true, sortOrder: true } } },
    orderBy: [{ county: { sortOrder: "asc" } }, { name: "asc" }],
  });
  return rows.map((r) => ({ id: r.id, label: `${r.county.name} ${r.name}`, countyId: r.countyId }));
}
