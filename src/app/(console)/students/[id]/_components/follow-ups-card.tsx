import Link from "next/link";
import type { Actor } from "@/server/auth/load-actor";
import { can } from "@/server/auth/permissions";
import type { studentFollowUps } from "@/server/fieldwork/follow-ups";
import { formatChineseDate } from "@/lib/china-date";
import { recordFollowUpAction } from "@/actions/fieldwork/record-follow-up";
import { clearRiskFlagAction } from "@/actions/fieldwork/clear-risk-flag";
import { ClearFlagForm, FollowUpForm } from "./follow-up-forms";

const dt = (d: Date) => d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
const STATE: Record<"OPEN" | "CLEARED" | "LEFT", string> = { OPEN: "未解除", CLEARED: "已解除", LEFT: "学生已离校，不再提醒" };

/**
 * 跟踪回访与家访 on the student page (issue 21): the flag(s), the follow-ups without their notes (each opens
 * on its own audited page), and — for the two schools involved while the student is 在读 — the forms.
 */
export function FollowUpsCard({ actor, student, today, followUps: { followUps, flags } }: {
  actor: Actor;
  student: { id: string; middleSchoolId: string; vocationalSchoolId: string; status: string; inProgramme: boolean };
  today: string;
  followUps: Awaited<ReturnType<typeof studentFollowUps>>;
}) {
  const involved = (actor.role === "MIDDLE_SCHOOL" && actor.middleSchoolId === student.middleSchoolId)
    || (actor.role === "VOCATIONAL_SCHOOL" && actor.vocationalSchoolId === student.vocationalSchoolId);
  const open = flags.find((f) => f.state === "OPEN");
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-label="跟踪回访与家访">
      <h2 className="mb-1 font-semibold">跟踪回访与家访</h2>
      <p className="mb-3 text-sm text-slate-600">
        《实施方案》：稳定期县市和初中协助职业学校稳定学生；巩固期原初级中学定期向职业学校了解学生学习情况，并牵头协商职业学校共同做好家访。
      </p>
      {open ? (
        <div role="status" className="mb-3 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          <p className="font-medium">流失风险（{formatChineseDate(open.raisedOn)}起，{open.raisedBy}）：{open.reason}</p>
          {involved && can(actor.role, "riskFlag.clear") ? <div className="mt-2"><ClearFlagForm action={clearRiskFlagAction} flagId={open.id} /></div> : null}
        </div>
      ) : null}
      {flags.filter((f) => f.state !== "OPEN").length > 0 ? (
        <ul className="mb-3 flex flex-col gap-1 text-sm text-slate-600" aria-label="以往的流失风险标记">
          {flags.filter((f) => f.state !== "OPEN").map((f) => (
            <li key={f.id}>
              {formatChineseDate(f.raisedOn)} 标记流失风险（{f.reason}）— {STATE[f.state]}
              {f.clearedAt ? `：${f.clearReason}（${f.clearedBy}，${dt(f.clearedAt)}）` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      {followUps.length === 0 ? <p className="text-sm text-slate-500">暂无跟踪回访记录。</p> : (
        <ol className="flex flex-col gap-2" aria-label="跟踪回访记录">
          {followUps.map((f) => (
            <li key={f.id} className="rounded border border-slate-300 p-3 text-sm">
              <div className="flex flex-wrap items-baseline gap-2">
                <span className="font-mono">{f.occurredOn}</span>
                <span className="font-medium">{f.kind}</span>
                <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{f.side}登记</span>
                {f.riskRaised ? <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-800">标记流失风险</span> : null}
              </div>
              <p className="mt-1">参加人员：{f.participants || "—"}</p>
              <p className="mt-1 text-xs text-slate-500">登记人：{f.recordedBy}</p>
              <Link className="mt-1 inline-block text-blue-700 underline" href={`/students/${student.id}/follow-ups/${f.id}`}>查看记录内容（记入操作日志）</Link>
            </li>
          ))}
        </ol>
      )}
      {involved && student.inProgramme && can(actor.role, "followUp.record") ? (
        <div className="mt-4 border-t border-slate-200 pt-4">
          <h3 className="mb-2 font-medium">登记跟踪回访</h3>
          <FollowUpForm action={recordFollowUpAction} enrolmentId={student.id} today={today} side={actor.role as "MIDDLE_SCHOOL" | "VOCATIONAL_SCHOOL"} />
        </div>
      ) : null}
    </section>
  );
}
