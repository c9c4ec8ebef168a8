import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { notFound } from "@/server/errors";
import { AUDIT_ACTION_LABELS } from "@/lib/audit-labels";
import { chinaDayRange, type AuditFilter } from "@/lib/schemas/audit";
import type { Prisma } from "@/generated/prisma/client";

// Which 操作日志 rows a reader sees (issue 15 item 5, decision 070): the prefecture all of them; a
// county the rows of its own organisations — its bureau, its middle schools and its 县市职中 — and
// the sign-in attempts and lockouts of their accounts. Other roles have no `audit.read`.

export type AuditOrg = { key: string; label: string; group: "州局" | "县市教育体育局" | "初级中学" | "职业学校" };

/** The accounts of the actor's county (bureau, middle schools, county vocational schools). */
function countyUsers(countyId: string): Prisma.UserWhereInput {
  return { OR: [{ countyId }, { middleSchool: { countyId } }, { vocationalSchool: { countyId } }] };
}

/** The organisations whose rows the actor may read, for the "单位" filter. */
export async function auditOrgOptions(actor: Actor): Promise<AuditOrg[]> {
  assertCan(actor, "audit.read");
  const county = actor.role === "COUNTY" ? actor.countyId : null;
  const [prefectures, counties, middles, vocs] = await Promise.all([
    county ? [] : db().prefecture.findMany({ where: { id: actor.prefectureId }, select: { id: true, bureauName: true } }),
    db().county.findMany({ where: county ? { id: county } : { prefectureId: actor.prefectureId }, orderBy: { sortOrder: "asc" }, select: { id: true, bureauName: true, name: true } }),
    db().middleSchool.findMany({
      where: county ? { countyId: county } : { county: { prefectureId: actor.prefectureId } },
      orderBy: [{ county: { sortOrder: "asc" } }, { name: "asc" }], select: { id: true, name: true, county: { select: { name: true } } },
    }),
    db().vocationalSchool.findMany({ where: county ? { countyId: county } : { prefectureId: actor.prefectureId }, orderBy: { sortOrder: "asc" }, select: { id: true, fullName: true } }),
  ]);
  return [
    ...prefectures.map((p) => ({ key: `prefecture:${p.id}`, label: p.bureauName, group: "州局" as const })),
    ...counties.map((c) => ({ key: `county:${c.id}`, label: c.bureauName, group: "县市教育体育局" as const })),
    ...middles.map((m) => ({ key: `middle:${m.id}`, label: m.name.startsWith(m.county.name) ? m.name : `${m.county.name}${m.name}`, group: "初级中学" as const })),
    ...vocs.map((v) => ({ key: `voc:${v.id}`, label: v.fullName, group: "职业学校" as const })),
  ];
}

/** The accounts of one organisation, checked to be within the actor's scope (else "not found"). */
async function orgUsers(actor: Actor, org: string): Promise<Prisma.UserWhereInput> {
  const [kind, id] = org.split(":");
  const county = actor.role === "COUNTY" ? actor.countyId : null;
  const found =
    kind === "prefecture" ? !county && id === actor.prefectureId
    : kind === "county" ? (county ? id === county : !!(await db().county.findFirst({ where: { id, prefectureId: actor.prefectureId }, select: { id: true } })))
    : kind === "middle" ? !!(await db().middleSchool.findFirst({ where: { id, ...(county ? { countyId: county } : { county: { prefectureId: actor.prefectureId } }) }, select: { id: true } }))
    : kind === "voc" ? !!(await db().vocationalSchool.findFirst({ where: { id, ...(county ? { countyId: county } : { prefectureId: actor.prefectureId }) }, select: { id: true } }))
    : false;
  if (!found) throw notFound("单位");
  return kind === "prefecture" ? { prefectureId: id } : kind === "county" ? { countyId: id } : kind === "middle" ? { middleSchoolId: id } : { vocationalSchoolId: id };
}

/** Rows done by these accounts, and the sign-in attempts and lockouts of these accounts (no actor). */
async function rowsOfUsers(where: Prisma.UserWhereInput): Promise<Prisma.AuditLogWhereInput> {
  const ids = (await db().user.findMany({ where, select: { id: true } })).map((u) => u.id);
  return { OR: [{ actorId: { in: ids } }, { actorId: null, entityType: "User", entityId: { in: ids } }] };
}

/** The `where` of the actor's scope and the filters. An organisation outside the scope is "not found". */
export async function auditWhere(actor: Actor, f: AuditFilter): Promise<Prisma.AuditLogWhereInput> {
  assertCan(actor, "audit.read");
  const and: Prisma.AuditLogWhereInput[] = [];
  if (actor.role === "COUNTY") and.push(await rowsOfUsers(countyUsers(actor.countyId)));
  if (f.org) and.push(await rowsOfUsers(await orgUsers(actor, f.org)));
  if (f.from || f.to) and.push({ at: chinaDayRange(f.from, f.to) });
  if (f.action) and.push({ action: f.action });
  if (f.entity) and.push({ entityType: f.entity });
  return { AND: and };
}

/** The filters in words (shown above the table, written into the export and its audit row). */
export function describeFilter(f: AuditFilter, orgs: AuditOrg[], entityLabels: Record<string, string>): string {
  const parts: string[] = [];
  if (f.from || f.to) parts.push(`日期 ${f.from || "最早"} 至 ${f.to || "今天"}`);
  if (f.org) parts.push(`单位 ${orgs.find((o) => o.key === f.org)?.label ?? "—"}`);
  if (f.action) parts.push(`操作 ${AUDIT_ACTION_LABELS[f.action] ?? f.action}`);
  if (f.entity) parts.push(`对象 ${entityLabels[f.entity] ?? f.entity}`);
  return parts.join("，") || "全部";
}
