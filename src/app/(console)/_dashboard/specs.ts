import type { BarChartSpec } from "@/lib/charts";
import { ratePercent } from "@/lib/charts";
import { APPLICATION_STATUSES, APPLICATION_STATUS_LABELS } from "@/lib/schemas/application-workflow";
import type { Dashboard, ProgressRow, RetentionRow } from "@/server/dashboard/read";

/** Turns a role's dashboard figures into the charts of its home page (each chart also renders as a table). */

const TARGET_95 = { value: 95, label: "95% 标准线" };

function progressChart(id: string, title: string, categoryLabel: string, planName: string, rows: ProgressRow[]): BarChartSpec {
  return {
    id, title, categoryLabel, unit: "人",
    categories: rows.map((r) => r.name),
    series: [
      { name: planName, values: rows.map((r) => r.plan) },
      { name: "已送读", values: rows.map((r) => r.sent) },
      { name: "已报到", values: rows.map((r) => r.arrived) },
      { name: "县市已确认", values: rows.map((r) => r.confirmed) },
    ],
    note: "“县市已确认”为职业学校提交的在读学生名单（附件4）中经县市教育体育局逐人确认的学生数。",
  };
}

function retentionChart(id: string, title: string, rows: RetentionRow[]): BarChartSpec {
  const shown = rows.filter((r) => r.hasRoster);
  const without = rows.length - shown.length;
  return {
    id, title, categoryLabel: "职业学校", unit: "%",
    categories: shown.map((r) => r.schoolName),
    series: [{ name: "巩固率", values: shown.map((r) => ratePercent(r.rate)) }],
    target: TARGET_95,
    note: `巩固率 = 秋季注册时仍在读 ÷（确认名单 − 有证明的离校）；“—”表示分母为 0。${without ? `另有 ${without} 所学校本年度没有已确认的附件4，暂无巩固率。` : ""}`,
  };
}

export function dashboardCharts(d: Dashboard): BarChartSpec[] {
  switch (d.role) {
    case "PREFECTURE": {
      const sh = d.counties.filter((c) => c.shanghaiTask > 0 || c.shanghai > 0);
      return [
        progressChart("counties", `${d.year}年各县市送读进度`, "县市", "送读计划 S", d.counties),
        {
          id: "shanghai", title: `${d.year}年东西协作（※）送读上海进度`, categoryLabel: "县市", unit: "人",
          categories: sh.map((c) => c.name),
          series: [{ name: "※任务数", values: sh.map((c) => c.shanghaiTask) }, { name: "已送读※", values: sh.map((c) => c.shanghai) }],
          note: "※ 为建档立卡贫困家庭学生东西协作送读上海的任务数，是送读计划 S 之内的目标。",
        },
        progressChart("vocational", `${d.year}年各职业学校招生进度`, "职业学校", "招生计划 E", d.vocationalSchools),
        retentionChart("retention", `${d.year}年各职业学校巩固率`, d.retention),
      ];
    }
    case "COUNTY":
      return [
        progressChart("schools", `${d.year}年本县市各初中学校送读进度`, "初中学校", "分配名额", d.middleSchools),
        retentionChart("retention", `${d.year}年本县市职业学校巩固率`, d.retention),
      ];
    case "MIDDLE_SCHOOL": {
      const s = d.school;
      return [
        {
          id: "applications", title: `${d.year}年本校报名申请（按状态）`, categoryLabel: "状态", unit: "人",
          categories: APPLICATION_STATUSES.map((k) => APPLICATION_STATUS_LABELS[k]),
          series: [{ name: "份数", values: APPLICATION_STATUSES.map((k) => d.applications[k]) }],
        },
        {
          id: "allocation", title: `${d.year}年本校送读名额使用情况`, categoryLabel: "项目", unit: "人",
          categories: ["分配名额", "已送读", "已报到", "剩余名额"],
          series: [{ name: "人数", values: s ? [s.plan, s.sent, s.arrived, Math.max(0, s.plan - s.sent)] : [0, 0, 0, 0] }],
        },
      ];
    }
    case "VOCATIONAL_SCHOOL": {
      const a = d.arrivals;
      return [
        {
          id: "arrivals", title: `${d.year}年送读学生报到情况`, categoryLabel: "项目", unit: "人",
          categories: ["招生计划 E", "已送读", "已报到", "待登记", "未报到"],
          series: [{ name: "人数", values: [d.school?.plan ?? 0, a.sent, a.arrived, a.pending, a.notArrived] }],
        },
        {
          id: "classes", title: `${d.year}年各班人数`, categoryLabel: "班级", unit: "人",
          categories: d.classes.map((c) => c.name),
          series: [{ name: "在班人数", values: d.classes.map((c) => c.size) }, { name: "班额", values: d.classes.map((c) => c.sizeLimit) }],
        },
        {
          id: "leavers", title: `${d.year}年离校学生（按去向）`, categoryLabel: "去向", unit: "人",
          categories: d.leavers.map((l) => l.label),
          series: [{ name: "有有效证明（不计入考核）", values: d.leavers.map((l) => l.exempt) }, { name: "计入流失", values: d.leavers.map((l) => l.counted) }],
        },
        retentionChart("retention", `${d.year}年本校巩固率`, d.retention ? [d.retention] : []),
      ];
    }
  }
}
