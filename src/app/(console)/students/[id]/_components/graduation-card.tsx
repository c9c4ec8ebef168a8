import type { StudentDetail } from "@/server/student-status/read";
import { formatChineseDate } from "@/lib/china-date";
import { CONTINUATION_LABELS, CONTINUATION_PATHS, graduateGaps } from "@/lib/graduation";
import { RecordForm } from "@/app/(console)/graduation/forms";
import { sendGradesAction } from "@/actions/graduation/send-grades";
import { receiveGradesAction } from "@/actions/graduation/receive-grades";
import { recordCompulsoryCertificateAction } from "@/actions/graduation/record-compulsory-certificate";
import { recordSkillCertificateAction } from "@/actions/graduation/record-skill-certificate";
import { setContinuationAction } from "@/actions/graduation/set-continuation";
import { voidGraduationRecordAction } from "@/actions/graduation/void-graduation-record";
import { CorrectForm } from "./status-forms";

const date = (max: string, label: string, name: string) => ({ name, label, type: "date" as const, max, defaultValue: max });

/**
 * 毕业与证书 on the student page (policy 五（三）（四）): completion, 升学去向, grades and files sent back
 * and received, the 义务教育证书 (middle school) and the 职业技能等级证书 (vocational school).
 */
export function GraduationCard({ s, ownSchool, ownMiddle, today }: { s: StudentDetail; ownSchool: boolean; ownMiddle: boolean; today: string }) {
  const live = s.events.filter((ev) => !ev.revokedAt);
  const grades = live.find((ev) => ev.type === "GRADES_SENT");
  const compulsory = live.find((ev) => ev.type === "COMPULSORY_CERTIFICATE");
  const skills = live.filter((ev) => ev.type === "SKILL_CERTIFICATE");
  const gaps = graduateGaps({ compulsoryCertificate: !!compulsory, skillCertificates: skills.length, gradesSent: !!grades, gradesReceived: !!grades?.receivedOn });
  if (s.status !== "GRADUATED") {
    return (
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-label="毕业与证书">
        <h2 className="mb-2 font-semibold">毕业与证书</h2>
        <p className="text-sm text-slate-600">{s.status === "LEFT" ? "该生已离校，没有在职业学校完成义务教育，不登记档案移交和证书。" : "该生仍在读。职业学校登记“完成义务教育”（在“毕业与证书”页面）后，才能登记档案移交和证书。"}</p>
      </section>
    );
  }
  const voidable = (ev: { id: string }, what: string, mine: boolean) => (mine ? <CorrectForm action={voidGraduationRecordAction} eventId={ev.id} what={what} /> : null);
  return (
    <section className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4" aria-label="毕业与证书">
      <h2 className="font-semibold">毕业与证书</h2>
      <p role="status" className={`rounded border px-3 py-2 text-sm ${gaps.length ? "border-amber-300 bg-amber-50 text-amber-900" : "border-green-300 bg-green-50 text-green-900"}`}>
        {s.graduatedOn ? `${formatChineseDate(s.graduatedOn)}完成义务教育` : "已完成义务教育"}，不再计入在读人数。{gaps.length ? `尚缺：${gaps.join("、")}。` : "档案已移交，两种证书均已登记。"}
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="flex flex-col gap-2" data-testid="continuation">
          <h3 className="text-sm font-semibold">升学去向</h3>
          <p className="text-sm">{s.continuationPath ? `${CONTINUATION_LABELS[s.continuationPath]}${s.continuationNote ? `（${s.continuationNote}）` : ""}` : "未登记"}</p>
          {ownSchool ? (
            <RecordForm action={setContinuationAction} label="登记升学去向" submit="保存升学去向" keepValues hidden={{ enrolmentId: s.id }} fields={[
              { name: "path", label: "升学去向", type: "select", options: CONTINUATION_PATHS.map((p) => [p, CONTINUATION_LABELS[p]]), defaultValue: s.continuationPath ?? "" },
              { name: "note", label: "说明（报考的学校或其他去向）", defaultValue: s.continuationNote ?? "" },
            ]} />
          ) : null}
        </div>
        <div className="flex flex-col gap-2" data-testid="grades">
          <h3 className="text-sm font-semibold">成绩和档案送回原初中</h3>
          {grades ? (
            <>
              <p className="text-sm">{formatChineseDate(grades.occurredOn)}送回（{grades.recordedBy}）；{grades.receivedOn ? `原初中已于${formatChineseDate(grades.receivedOn)}接收（${grades.receivedBy}）` : "原初中尚未登记接收"}</p>
              {ownMiddle && !grades.receivedOn ? <RecordForm action={receiveGradesAction} label="登记接收档案" submit="登记已接收" hidden={{ eventId: grades.id }} fields={[date(today, "接收日期", "receivedOn")]} /> : null}
              {voidable(grades, "成绩和档案送回原初中", ownSchool && !grades.receivedOn)}
            </>
          ) : ownSchool ? (
            <RecordForm action={sendGradesAction} label="登记档案送回" submit="登记已送回" hidden={{ enrolmentId: s.id }} fields={[date(today, "送回日期", "sentOn"), { name: "comment", label: "说明（可不填）" }]} />
          ) : <p className="text-sm text-slate-500">职业学校尚未送回。</p>}
        </div>
        <div className="flex flex-col gap-2" data-testid="compulsory">
          <h3 className="text-sm font-semibold">义务教育证书（原初中颁发）</h3>
          {compulsory ? (
            <>
              <p className="text-sm">编号 <span className="font-mono">{compulsory.certificateNo}</span>，{formatChineseDate(compulsory.occurredOn)}颁发（{compulsory.recordedBy}）</p>
              {voidable(compulsory, `义务教育证书 ${compulsory.certificateNo}`, ownMiddle)}
            </>
          ) : ownMiddle ? (
            <RecordForm action={recordCompulsoryCertificateAction} label="登记义务教育证书" submit="登记义务教育证书" variant="primary" hidden={{ enrolmentId: s.id }} fields={[{ name: "number", label: "证书编号" }, date(today, "发证日期", "issuedOn")]} />
          ) : <p className="text-sm text-red-700">尚未颁发</p>}
        </div>
        <div className="flex flex-col gap-2" data-testid="skill">
          <h3 className="text-sm font-semibold">职业技能等级证书（职业学校颁发）</h3>
          {skills.length === 0 ? <p className="text-sm text-red-700">尚未登记</p> : null}
          <ul className="flex flex-col gap-2">
            {skills.map((c) => (
              <li key={c.id} className="text-sm">
                {c.certificateName}（{c.certificateLevel}），编号 <span className="font-mono">{c.certificateNo}</span>，{formatChineseDate(c.occurredOn)}颁发
                {voidable(c, `职业技能等级证书 ${c.certificateNo}`, ownSchool)}
              </li>
            ))}
          </ul>
          {ownSchool ? (
            <RecordForm action={recordSkillCertificateAction} label="登记职业技能等级证书" submit="登记职业技能等级证书" variant="primary" hidden={{ enrolmentId: s.id }} fields={[
              { name: "name", label: "证书名称（职业/工种）" }, { name: "level", label: "等级", hint: "如：初级（五级）" }, { name: "number", label: "证书编号" }, date(today, "发证日期", "issuedOn"),
            ]} />
          ) : null}
        </div>
      </div>
    </section>
  );
}
