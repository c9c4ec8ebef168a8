// Issue 10 "Must show": the authorization matrix, generated from the permission table.
// Part 1 — every server action and every route handler (found on disk, each carrying the permission
// it checks) × every role: refused with FORBIDDEN exactly where PERMISSIONS says the role lacks it.
// Part 2 — for every action/route that takes the id of a scoped record, for every role the table
// allows: (a) an id from the caller's own organisation is not refused as forbidden/not found,
// (b) the same kind of id from another organisation of the same kind is always NOT_FOUND.
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { actorFor, testDb } from "../support/db";
import { createMiddleSchool, createMiniPrefecture, createUser } from "../factories";
import { createYearCalendar } from "../factories/calendar";
import { applicationInput, createApplicationRow } from "../factories/applications";
import type { Actor } from "@/server/auth/load-actor";
import type { Role } from "@/generated/prisma/enums";

const current: { actor: Actor | null } = { actor: null };
vi.mock("@/auth", () => ({ auth: async () => null, signIn: async () => {}, signOut: async () => {}, handlers: {} }));
vi.mock("@/server/auth/actor", () => ({ getActor: async () => current.actor, requireActor: async () => current.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("@/server/clock", () => ({ now: () => new Date("2020-05-08T02:00:00Z"), trainingDate: () => null }));

const { PERMISSIONS, can } = await import("@/server/auth/permissions");
type Permission = keyof typeof PERMISSIONS;
type ActionFn = ((prev: unknown, input: Record<string, unknown>) => Promise<{ ok: boolean; code?: string; message: string } | null>) & { permission: Permission };
type RouteFn = ((req: Request, ctx: unknown) => Promise<Response>) & { permission: Permission };

const root = path.resolve(import.meta.dirname, "../..");
const files = (dir: string, match: (f: string) => boolean): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full, match) : match(e.name) ? [full] : [];
  });

const ACTIONS: Record<string, ActionFn> = {};
for (const f of files(path.join(root, "src/actions"), (n) => n.endsWith(".ts"))) {
  for (const [name, value] of Object.entries(await import(f))) {
    if (typeof value === "function") ACTIONS[name] = value as ActionFn;
  }
}
const PUBLIC_ROUTES = ["api/auth/[...nextauth]/route.ts", "api/health/route.ts"];
const ROUTES: Record<string, RouteFn> = {};
for (const f of files(path.join(root, "src/app"), (n) => n === "route.ts")) {
  const rel = path.relative(path.join(root, "src/app"), f);
  if (PUBLIC_ROUTES.includes(rel)) continue;
  for (const [method, value] of Object.entries(await import(f))) {
    if (typeof value === "function") ROUTES[`${method} /${rel.replace(/\/route\.ts$/, "")}`] = value as RouteFn;
  }
}

const ROLES: Role[] = ["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"];
type Mini = Awaited<ReturnType<typeof createMiniPrefecture>>;
let p: Mini, q: Mini; // q: another prefecture (another organisation of the same kind for PREFECTURE)
const own: Partial<Record<Role, Actor>> = {};

beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  q = await createMiniPrefecture(testDb());
  own.PREFECTURE = await actorFor(p.users.prefecture);
  own.COUNTY = await actorFor(p.users.countyA);
  own.MIDDLE_SCHOOL = await actorFor(p.users.schoolA);
  own.VOCATIONAL_SCHOOL = await actorFor(p.users.vocA);
  await createYearCalendar(testDb(), { year: 2020, mayDayHolidayEnd: "2020-05-05", updatedById: p.users.prefecture.id });
});

async function callAction(name: string, role: Role, input: Record<string, unknown>) {
  current.actor = own[role]!;
  const r = await ACTIONS[name](null, input);
  return r?.ok ? "OK" : (r?.code ?? "NO_CODE");
}

async function callRoute(key: string, role: Role, url: string, ctx: unknown = {}) {
  current.actor = own[role]!;
  const method = key.split(" ")[0];
  const init: RequestInit = { method, headers: { origin: "http://zjb.test", host: "zjb.test", "content-type": "application/json" } };
  if (method !== "GET") init.body = "{}";
  return ROUTES[key](new Request(`http://zjb.test${url}`, init), ctx);
}

describe("part 1: every action and route × every role follows the permission table", () => {
  test("every action and route declares its permission", () => {
    expect(Object.keys(ACTIONS).length).toBeGreaterThan(30);
    for (const [name, fn] of [...Object.entries(ACTIONS), ...Object.entries(ROUTES)]) {
      expect(Object.keys(PERMISSIONS), name).toContain(fn.permission);
    }
  });

  test.each(ROLES)("actions as %s", async (role) => {
    for (const [name, fn] of Object.entries(ACTIONS)) {
      const code = await callAction(name, role, {});
      if (can(role, fn.permission)) expect(code, `${name} (${fn.permission}) as ${role}`).not.toBe("FORBIDDEN");
      else expect(code, `${name} (${fn.permission}) as ${role}`).toBe("FORBIDDEN");
    }
  });

  test.each(ROLES)("routes as %s", async (role) => {
    for (const [key, fn] of Object.entries(ROUTES)) {
      const res = await callRoute(key, role, "/x?year=2020", { params: Promise.resolve({ id: "none" }) });
      if (can(role, fn.permission)) expect(res.status, `${key} as ${role}`).not.toBe(403);
      else expect(res.status, `${key} as ${role}`).toBe(403);
    }
  });
});

// ───── part 2: scope ─────

type Which = "own" | "other";
/** The scoped record each case needs, made fresh per call (actions change what they touch). */
const fresh = {
  /** an account the role manages: own = in its own county/prefecture; other = the same kind elsewhere */
  async user(role: Role, which: Which) {
    const org = which === "own" ? p.schoolA.id : role === "PREFECTURE" ? q.schoolA.id : p.schoolB.id;
    return (await createUser(testDb(), { role: "MIDDLE_SCHOOL", orgId: org })).id;
  },
  async middleSchool(role: Role, which: Which) {
    const county = which === "own" ? p.countyA.id : role === "PREFECTURE" ? q.countyA.id : p.countyB.id;
    return (await createMiddleSchool(testDb(), county)).id;
  },
  async application(role: Role, which: Which, status: "DRAFT" | "SIGNED" | "APPROVED") {
    const school = which === "own" ? p.schoolA.id : role === "PREFECTURE" ? q.schoolA.id : p.schoolB.id;
    const voc = which === "own" ? p.vocA.id : role === "PREFECTURE" ? q.vocA.id : p.vocA.id;
    const enteredById = which === "own" || role !== "PREFECTURE" ? p.users.schoolA.id : q.users.schoolA.id;
    return createApplicationRow(testDb(), { middleSchoolId: school, vocationalSchoolId: voc, enteredById, status });
  },
};

type ScopeCase = { kind: "action" | "route"; input: (role: Role, which: Which) => Promise<Record<string, unknown>> };
const SCOPE_CASES: Record<string, ScopeCase> = {
  resetPasswordAction: { kind: "action", input: async (r, w) => ({ id: await fresh.user(r, w), password: "abcd1234" }) },
  setUserActiveAction: { kind: "action", input: async (r, w) => ({ id: await fresh.user(r, w), active: "true" }) },
  updateUserAction: { kind: "action", input: async (r, w) => ({ id: await fresh.user(r, w), displayName: "张三", phone: "" }) },
  unlockUserAction: { kind: "action", input: async (r, w) => ({ id: await fresh.user(r, w) }) },
  setMiddleSchoolActiveAction: { kind: "action", input: async (r, w) => ({ id: await fresh.middleSchool(r, w), active: "true" }) },
  saveMiddleSchoolAction: {
    kind: "action",
    input: async (r, w) => ({ id: await fresh.middleSchool(r, w), countyId: w === "own" || r !== "PREFECTURE" ? p.countyA.id : p.countyA.id, name: `改名中学${Date.now()}` }),
  },
  updateCountyAction: { kind: "action", input: async (_r, w) => ({ id: (w === "own" ? p : q).countyA.id, name: (w === "own" ? p : q).countyA.name, bureauName: `${(w === "own" ? p : q).countyA.name}教育体育局` }) },
  saveVocationalSchoolAction: { kind: "action", input: async (_r, w) => ({ id: (w === "own" ? p : q).vocP.id, name: (w === "own" ? p : q).vocP.name, fullName: (w === "own" ? p : q).vocP.fullName }) },
  withdrawApplicationAction: { kind: "action", input: async (r, w) => ({ id: (await fresh.application(r, w, "SIGNED")).id, reason: "学生及监护人自愿撤回" }) },
  reviewApplicationAction: { kind: "action", input: async (r, w) => ({ id: (await fresh.application(r, w, "SIGNED")).id, decision: "APPROVE", reviewDate: "2020-05-07" }) },
  updateApplicationAction: {
    kind: "action",
    input: async (r, w) => {
      const a = await fresh.application(r, w, "DRAFT");
      return { id: a.id, values: applicationInput(p.vocA.id, { idNumber: a.idNumber, studentNumber: a.studentNumber }) };
    },
  },
  sendOffAction: { kind: "action", input: async (r, w) => ({ applicationIds: [(await fresh.application(r, w, "APPROVED")).id] }) },
  // Issue 14: the prefecture assesses its prefecture-level schools, a county its own 县市职中 (another
  // county's school, or a prefecture-level one, is "not found" for a county).
  signAssessmentAction: {
    kind: "action",
    input: async (r, w) => ({
      vocationalSchoolId: r === "PREFECTURE" ? (w === "own" ? p : q).vocP.id : (w === "own" ? p.vocA.id : p.vocP.id),
      year: 2020, result: "PASS", comment: "巩固工作扎实", method: "按巩固率 95% 考核",
    }),
  },
  "GET /api/documents/[id]": {
    kind: "route",
    input: async (r, w) => {
      const a = await fresh.application(r, w, "APPROVED");
      // A vocational school may open the signed form of a student sent off to it (own) — not of one sent elsewhere (other).
      if (r === "VOCATIONAL_SCHOOL") await testDb().application.update({ where: { id: a.id }, data: { status: "SENT_OFF", vocationalSchoolId: w === "own" ? p.vocA.id : p.vocP.id } });
      return { id: a.consentDocumentId };
    },
  },
};

/** Actions and routes with no id of a scoped record to pass (or whose data has no owning organisation). */
const NO_SCOPED_ID: Record<string, string> = {
  createApplicationAction: "creates in the actor's own school (no id)",
  changeOwnPasswordAction: "acts on the signed-in user only",
  createUserAction: "orgId is checked by createUser (tests/server/orgs/scoping.db.test.ts: other county → VALIDATION)",
  saveCalendarSettingsAction: "the work calendar belongs to the one prefecture of an installation",
  setPhaseOverrideAction: "the work calendar belongs to the one prefecture of an installation",
  revokePhaseOverrideAction: "the work calendar belongs to the one prefecture of an installation",
  savePlanDraftAction: "the 附件2 plan belongs to the one prefecture of an installation",
  discardPlanDraftAction: "the 附件2 plan belongs to the one prefecture of an installation",
  issuePlanVersionAction: "the 附件2 plan belongs to the one prefecture of an installation",
  previewAnnex2ImportAction: "the 附件2 plan belongs to the one prefecture of an installation",
  acceptAnnex2ImportAction: "the 附件2 plan belongs to the one prefecture of an installation",
  saveAllocationsAction: "allocations are keyed by the actor's own county (tests/server/plan/allocation.db.test.ts)",
  submitRosterAction: "submits the actor's own school's roster",
  setPatternAction: "sets the actor's own school's 学号 pattern",
  recordExplanationAction: "records the actor's own school's explanation",
  "GET /api/exports/annex2": "the 附件2 plan belongs to the one prefecture of an installation",
  "GET /api/exports/application-template": "the actor's own school's template",
  "POST /api/applications/import": "imports into the actor's own school",
};
/** Take a scoped id but are not in part 2 yet (roster and reception fixtures): listed so that none is forgotten. */
const NOT_YET_IN_MATRIX = [
  "changeSchoolAction", "recordConsentAction", "recordArrivalAction", "saveClassAction", "assignClassAction", "setStudentNoAction",
  "receiveRosterAction", "releaseRosterAction", "checkRowAction", "confirmAllAction", "answerAction",
  "POST /api/send-off", "GET /api/exports/annex4",
];

describe("part 2: out-of-scope ids are always 'not found'", () => {
  test("every action and route is classified", () => {
    const all = [...Object.keys(ACTIONS), ...Object.keys(ROUTES)];
    const classified = new Set([...Object.keys(SCOPE_CASES), ...Object.keys(NO_SCOPED_ID), ...NOT_YET_IN_MATRIX]);
    expect(all.filter((n) => !classified.has(n)), "unclassified").toEqual([]);
  });

  const cases = Object.entries(SCOPE_CASES).flatMap(([name, c]) => {
    const perm = (c.kind === "action" ? ACTIONS[name] : ROUTES[name])?.permission;
    return ROLES.filter((r) => perm && can(r, perm)).map((role) => [name, role, c] as const);
  });

  test.each(cases)("%s as %s", async (name, role, c) => {
    const outcome = async (which: Which) => {
      const input = await c.input(role, which);
      if (c.kind === "action") return callAction(name, role, input);
      const res = await callRoute(name, role, `/api/documents/${String(input.id)}`, { params: Promise.resolve(input) });
      return res.status === 404 ? "NOT_FOUND" : res.status === 403 ? "FORBIDDEN" : res.ok ? "OK" : `HTTP_${res.status}`;
    };
    const mine = await outcome("own");
    if (process.env.MATRIX_DEBUG) console.log(name, role, mine);
    expect(mine, `${name} as ${role} with an id of its own organisation`).not.toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
    expect(await outcome("other"), `${name} as ${role} with an id of another organisation of the same kind`).toBe("NOT_FOUND");
  });
});
