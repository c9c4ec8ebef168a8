import { scrollRegion } from "@/components/ui/scroll-region";
import { formatRetention, teachingPlanContent, type FilingKind, type ReportFigures } from "@/lib/schemas/filings";

const th = "border border-slate-500 px-2 py-1 text-left font-medium align-top whitespace-nowrap";
const td = "border border-slate-500 px-2 py-1 align-top whitespace-pre-wrap";

/** 附件5 in the annex's own layout (the rows and merged cells of the paper form), for screen and print. */
export function TeachingPlanSheet({ schoolName, content }: { schoolName: string; content: unknown }) {
  const c = teachingPlanContent.parse(content);
  const courseRows = Math.max(c.compulsoryCourses.length, c.vocationalCourses.length, 1);
  const classRows = Math.max(c.classes.length, 1);
  return (
    <div {...scrollRegion("附件5 教学方案", "overflow-x-auto print:overflow-visible")}>
      <table className="w-full border-collapse text-sm" aria-label="附件5 教学方案">
        <caption className="pb-2 text-base font-semibold">{schoolName}义务教育职教班教学方案</caption>
        <tbody>
          <tr><th scope="row" className={th}>管理模式</th><td className={td} colSpan={4}>{c.managementMode}</td></tr>
          <tr><th scope="row" className={th}>教学目标</th><td className={td} colSpan={4}>{c.teachingGoals}</td></tr>
          <tr>
            <th scope="rowgroup" rowSpan={classRows + 1} className={th}>班级设立</th>
            <th className={th}>班级名称（专业）</th><th className={th}>班额</th><th className={th}>班主任姓名</th><th className={th}>联系电话</th>
          </tr>
          {Array.from({ length: classRows }, (_, i) => c.classes[i]).map((r, i) => (
            <tr key={`c${i}`}>
              <td className={td}>{r ? `${r.name}${r.major ? `（${r.major}）` : ""}` : ""}</td>
              <td className={td}>{r?.size ?? ""}</td><td className={td}>{r?.headTeacherName ?? ""}</td><td className={td}>{r?.headTeacherPhone ?? ""}</td>
            </tr>
          ))}
          <tr>
            <th scope="rowgroup" rowSpan={courseRows + 2} className={th}>课程方案</th>
            <th className={th} colSpan={2}>义教课程</th><th className={th} colSpan={2}>职教课程</th>
          </tr>
          <tr><th className={th}>课程名称</th><th className={th}>周课时</th><th className={th}>课程名称</th><th className={th}>周课时</th></tr>
          {Array.from({ length: courseRows }, (_, i) => (
            <tr key={`k${i}`}>
              <td className={td}>{c.compulsoryCourses[i]?.name ?? ""}</td><td className={td}>{c.compulsoryCourses[i]?.weeklyHours ?? ""}</td>
              <td className={td}>{c.vocationalCourses[i]?.name ?? ""}</td><td className={td}>{c.vocationalCourses[i]?.weeklyHours ?? ""}</td>
            </tr>
          ))}
          <tr><th scope="row" className={th}>巩固措施</th><td className={td} colSpan={4}>{c.retentionMeasures}</td></tr>
          <tr><th scope="row" className={th}>教学考核</th><td className={td} colSpan={4}>{c.assessment}</td></tr>
        </tbody>
      </table>
    </div>
  );
}

/** The September report's figures (frozen at submission, or live while drafting). */
export function FiguresTable({ figures, caption }: { figures: ReportFigures; caption: string }) {
  const f = figures;
  const cells: [string, string | number][] = [
    ["送读人数", f.sentOff], ["报到人数", f.arrived], ["确认在读人数（附件4）", f.confirmed],
    ["流失：回原初中就读", f.left.returnMiddleSchool], ["流失：到其他高中阶段学校就读", f.left.otherHighSchool],
    ["流失：辍学", f.left.dropout], ["流失：其他", f.left.other], ["其中有有效证明（不计入巩固考核）", f.exemptLeavers],
    ["注册中职学籍人数", f.registered], ["巩固率", formatRetention(f.retention)],
  ];
  if (f.fieldwork) {
    const w = f.fieldwork;
    cells.push(
      ["宣传期走访初中学校次数", w.publicityVisits],
      ["走访到的初中学校数", w.middleSchools === null ? w.visitedMiddleSchools : `${w.visitedMiddleSchools} / ${w.middleSchools}`],
      ["跟踪回访次数（含家访、电话联系）", w.followUps], ["其中家访次数", w.homeVisits], ["标记流失风险人次", w.riskFlagsRaised],
    );
  }
  return (
    <table className="text-sm" aria-label={caption}>
      <caption className="pb-1 text-left font-medium">{caption}</caption>
      <tbody>
        {cells.map(([k, v]) => (
          <tr key={k}><th scope="row" className="border border-slate-300 px-2 py-1 text-left font-normal text-slate-700">{k}</th><td className="border border-slate-300 px-3 py-1 text-right tabular-nums">{v}</td></tr>
        ))}
      </tbody>
      <tfoot><tr><td colSpan={2} className="pt-1 text-xs text-slate-500">巩固率 = 注册中职学籍人数 ÷（确认在读人数 − 有有效证明的流失人数）；分母为 0 时显示“—”。</td></tr></tfoot>
    </table>
  );
}

/** The content of a submitted version, read-only. */
export function FilingContentView({ kind, content, filerName }: { kind: FilingKind; content: unknown; filerName: string }) {
  const c = (content ?? {}) as { summary?: string; figure?: number; note?: string; figures?: ReportFigures };
  if (kind === "TEACHING_PLAN") return <TeachingPlanSheet schoolName={filerName} content={content} />;
  if (kind === "PLANNED_FIGURES") {
    return <p className="text-sm">上报的计划数：<strong className="text-lg">{c.figure ?? 0}</strong> 人{c.note ? `。说明：${c.note}` : ""}</p>;
  }
  return (
    <div className="flex flex-col gap-3">
      {c.figures ? <FiguresTable figures={c.figures} caption="招生情况（提交时的数据）" /> : null}
      <div className="whitespace-pre-wrap rounded border border-slate-200 bg-slate-50 p-3 text-sm">{c.summary || "（未填写文字，见附件）"}</div>
    </div>
  );
}
