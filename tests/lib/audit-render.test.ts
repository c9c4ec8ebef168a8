// Issue 15 item 5: every 操作日志 entry reads as a Chinese sentence, never JSON.
import { describe, expect, test } from "vitest";
import { renderAudit, RENDERED_ACTIONS, type AuditEntry } from "@/lib/audit-render";
import { AUDIT_ACTION_LABELS } from "@/lib/audit-labels";
import { AUDIT_FIELD_LABELS } from "@/lib/audit-format";

const entry = (action: string, summary: unknown, more: Partial<AuditEntry> = {}): AuditEntry => ({
  action, orgLabel: "楚雄市教育体育局", actorName: "张三", entityLabel: null, summary, ...more,
});
const NOT_JSON = /[{}[\]"]|undefined|null|NaN|\[object/;

describe("one sentence per kind of action", () => {
  test("the issue's example: a county changes a middle school's places", () => {
    const text = renderAudit(entry("allocation.save", { year: 2020, version: 2, cap: 420, total: 414, changes: [{ school: "楚雄市第一中学", before: 0, after: 414 }] }));
    expect(text).toBe("楚雄市教育体育局 把 楚雄市第一中学 的名额由 0 改为 414（2020 年，已分配 414 / 420 人）");
  });

  test.each([
    ["user.update", { before: { displayName: "李四", phone: null }, after: { displayName: "李四", phone: "13800000000" } }, { entityLabel: "李四（lisi）" }, "楚雄市教育体育局 修改账号 李四（lisi）：联系电话由 （空） 改为 13800000000"],
    ["middleSchool.update", { before: { name: "甲中学", countyId: "c1", prefectureOwned: false }, after: { name: "甲中学", countyId: "c2", prefectureOwned: false } }, { entityLabel: "甲中学" }, "楚雄市教育体育局 修改初中学校 甲中学：所属县市由 楚雄市 改为 双柏县"],
    ["plan.issue", { year: 2020, version: 2, supersedes: 1, reason: "按30%修正" }, {}, "楚雄市教育体育局 下达 2020 年（第 2 版） 送读招生计划，取代第 1 版，调整原因：按30%修正"],
    ["application.review", { studentName: "王小明", idNumber: "532301********1234", decision: "同意", reviewDate: "2020-05-06", comment: null }, {}, "楚雄市教育体育局 审核 王小明 的报名申请：同意（盖章日期 2020-05-06）"],
    ["idNumber.reveal", { studentName: "王小明", page: "学生页面" }, {}, "楚雄市教育体育局 查看了 王小明 的完整身份证号码（学生页面）"],
    ["auth.signInFailed", { username: "no-such-user" }, { orgLabel: null, actorName: null }, "有人以用户名“no-such-user”登录失败（用户名或密码错误）"],
    ["auth.signIn", { username: "chuxiong" }, {}, "楚雄市教育体育局 的账号 chuxiong 登录系统"],
    ["application.importRefused", { fileName: "报名.xlsx", rows: 30, problems: 2, duplicates: 1 }, {}, "楚雄市教育体育局 导入报名申请文件“报名.xlsx”被拒绝：30 行中有 2 处问题，其中 1 人已在其他学校报名"],
    ["audit.export", { rows: 12, filters: "单位 楚雄市第一中学" }, {}, "楚雄市教育体育局 导出操作日志 12 条（筛选条件：单位 楚雄市第一中学）"],
  ] as const)("%s", (action, summary, more, expected) => {
    const names: Record<string, string> = { c1: "楚雄市", c2: "双柏县" };
    expect(renderAudit(entry(action, summary, more), (id) => names[id])).toBe(expected);
  });

  test("every kind with a template reads as Chinese even with an empty or missing summary", () => {
    expect(RENDERED_ACTIONS.length).toBeGreaterThan(70);
    for (const action of RENDERED_ACTIONS) {
      for (const summary of [{}, null, undefined]) {
        const text = renderAudit(entry(action, summary));
        expect(text, action).toMatch(/[\u4e00-\u9fff]/);
        expect(text, action).not.toMatch(NOT_JSON);
        expect(text, action).not.toContain(action);
      }
    }
  });

  test("every action that has a Chinese name reads as Chinese (its template, or the fallback for kinds added later)", () => {
    for (const action of Object.keys(AUDIT_ACTION_LABELS)) {
      const text = renderAudit(entry(action, { year: 2020, studentName: "王小明", fileName: "a.xlsx", before: { name: "甲" }, after: { name: "乙" } }));
      expect(text, action).toMatch(/[\u4e00-\u9fff]/);
      expect(text, action).not.toMatch(NOT_JSON);
      expect(text, action).not.toContain(action);
    }
  });
});

test("whatever shape a summary's values have, no sentence shows JSON", () => {
  for (const value of [{ a: 1, name: "甲" }, [1, "乙"], 3, "丙", true]) {
    const summary = Object.fromEntries([...Object.keys(AUDIT_FIELD_LABELS), "before", "after", "changes", "enrolmentIds", "countyIds"].map((k) => [k, value]));
    for (const action of [...RENDERED_ACTIONS, "unknown.kind"]) expect(renderAudit(entry(action, summary)), `${action} ${JSON.stringify(value)}`).not.toMatch(NOT_JSON);
  }
});

describe("actions without a template", () => {
  test("are their Chinese name and the summary's fields as 名称：值 pairs, never JSON", () => {
    const text = renderAudit(entry("something.new", { year: 2021, fileName: "a.xlsx", students: ["甲", "乙"], locked: true, batchId: "b-1", weird: { a: 1 } }));
    expect(text).toBe("楚雄市教育体育局 其他操作：年度：2021；文件名：a.xlsx；学生：甲、乙；账号已锁定：是");
    expect(text).not.toMatch(NOT_JSON);
  });

  test("a before/after summary reads as 由 … 改为 …", () => {
    const text = renderAudit(entry("something.changed", { before: { name: "旧名", sizeLimit: 40 }, after: { name: "新名", sizeLimit: 40 } }));
    expect(text).toBe("楚雄市教育体育局 其他操作：名称由 旧名 改为 新名");
  });

  test("times are shown in Beijing time", () => {
    expect(renderAudit(entry("auth.lock", { username: "zhou", after: 5, via: "signIn", until: "2020-05-07T17:30:00.000Z" }))).toBe(
      "账号 zhou 连续 5 次输错密码，锁定至 2020/5/8 01:30:00",
    );
  });
});
