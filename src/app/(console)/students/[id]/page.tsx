import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { pageActor } from "@/server/auth/page";
import { can } from "@/server/auth/permissions";
import { now } from "@/server/clock";
import { AppError } from "@/server/errors";
import type { StudentDetail } from "@/server/student-status/read";
import { loadStudentPage } from "@/server/pages/student";
import { chinaDateOf, formatChineseDate } from "@/lib/china-date";
import { ELIGIBILITY_GROUND_LABELS } from "@/lib/schemas/application-fields";
import { ENROLMENT_STATUS_LABELS, EVENT_TYPE_LABELS, isLeaveType, proofName, takesProof } from "@/lib/student-status";
import { PageTitle } from "@/components/ui/table";
import { RevealIdNumber } from "@/components/reveal-id-number";
import { InlineAction } from "@/components/ui/inline-action";
import { recordLeaveAction } from "@/actions/student-status/record-leave";
import { attachProofAction } from "@/actions/student-status/attach-proof";
import { correctEventAction } from "@/actions/student-status/correct-event";
import { confirmReturnAction } from "@/actions/student-status/confirm-return";
import { recordExamReturnAction } from "@/actions/student-status/record-exam-return";
import { recordExamBackAction } from "@/actions/student-status/record-exam-back";
import { CorrectForm, ExamBackForm, ExamReturnForm, LeaveForm, ProofForm } from "./_components/status-forms";
import { FollowUpsCard } from "./_components/follow-ups-card";
import { GraduationCard } from "./_components/graduation-card";
import { AidCard } from "./_components/aid-card";

const dt = (d: Date) => d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
const ARRIVAL: Record<string, string> = { PENDING: "待登记", ARRIVED: "已报到", NOT_ARRIVED: "未报到" };
const CHECK: Record<string, string> = { CONFIRMED: "县市已确认", DISCREPANCY: "县市提出异议", RESOLVED: "学校已答复异议" };

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-label={title}>
      <h2 className="mb-3 font-semibold">{title}</h2>
      {children}
    </section>
  );
}

type Event = StudentDetail["events"][number];

function eventText(ev: Event) {
  const parts = [EVENT_TYPE_LABELS[ev.type] ?? ev.type];
  if (ev.otherSchoolName) parts.push(`（${ev.otherSchoolName}）`);
  if (ev.certificateNo) parts.push(`：${ev.certificateName ? `${ev.certificateName}（${ev.certificateLevel}），` : ""}编号 ${ev.certificateNo}`);
  if (ev.type === "GRADES_SENT") parts.push(ev.receivedOn ? `，原初中 ${ev.receivedOn} 已接收` : "，原初中尚未接收");
  if (ev.type === "EXAM_RETURN") parts.push(`，考试至 ${ev.examUntil ?? "—"}，${ev.examBackOn ? `${ev.examBackOn} 已返回职业学校` : "尚未返回职业学校"}`);
  return parts.join("");
}

export default async function StudentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("student.read");
  const { id } = await params;
  // The ID number is masked; "显示完整身份证号" fetches it and writes `idNumber.reveal` (decision 072).
  const { s, followUps, aid } = await loadStudentPage(actor, id).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const today = chinaDateOf(now());
  const a = s.application;
  const ownSchool = actor.role === "VOCATIONAL_SCHOOL" && actor.vocationalSchoolId === s.vocationalSchoolId;
  const ownMiddle = actor.role === "MIDDLE_SCHOOL" && actor.middleSchoolId === s.middleSchoolId;
  const canLeave = ownSchool && can(actor.role, "student.leave");
  const inProgramme = s.arrivalStatus === "ARRIVED" && s.status === "ENROLLED" && !s.registration;
  const liveExam = s.events.find((ev) => ev.type === "EXAM_RETURN" && !ev.revokedAt && !ev.examBackOn);
  const byId = new Map(s.events.map((ev) => [ev.id, ev]));

  return (
    <div className="flex flex-col gap-4">
      <PageTitle actions={<Link className="px-2 py-1.5 text-sm text-blue-700 underline" href={`/students?year=${s.year}`}>返回学生列表</Link>}>
        学生：{a.studentName}
        <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-base font-normal">{s.arrivalStatus === "ARRIVED" ? ENROLMENT_STATUS_LABELS[s.status] : ARRIVAL[s.arrivalStatus]}</span>
      </PageTitle>

      {s.leave ? (
        <p role="status" className={`rounded border px-3 py-2 text-sm ${s.leave.exempt ? "border-green-300 bg-green-50 text-green-900" : "border-amber-300 bg-amber-50 text-amber-900"}`}>
          {s.leave.explanation}
        </p>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="报名申请（附件3）">
          <dl className="grid gap-3 sm:grid-cols-2">
            <Item label="身份证号码"><RevealIdNumber applicationId={a.id} masked={a.idNumberMasked} page="student" /></Item>
            <Item label="性别">{a.sex === "MALE" ? "男" : "女"}</Item>
            <Item label="原初中学校">{s.countyName} {s.middleSchoolName} {a.className}</Item>
            <Item label="初中学籍号"><span className="font-mono">{a.studentNumber}</span></Item>
            <Item label="招生对象">{ELIGIBILITY_GROUND_LABELS[a.eligibilityGround]}</Item>
            <Item label="报读专业">{a.major || "—"}{a.shanghaiFlag ? "（※ 东西协作送读上海）" : ""}</Item>
            <Item label="学校审核">同意（{a.reviewDate ? formatChineseDate(a.reviewDate) : "—"}）</Item>
            <Item label="申请表">{actor.role === "VOCATIONAL_SCHOOL" && !ownSchool ? "—" : <Link className="text-blue-700 underline" href={`/applications/${a.id}`}>查看报名申请</Link>}</Item>
          </dl>
        </Card>
        <Card title="送读、报到、编班与名单确认">
          <dl className="grid gap-3 sm:grid-cols-2">
            <Item label="送读">{formatChineseDate(s.sentOffOn)}（{s.sentOffBy || "—"}）</Item>
            <Item label="就读职业学校">{s.vocationalSchoolName}</Item>
            <Item label="报到">{ARRIVAL[s.arrivalStatus]}{s.arrivedOn ? `（${formatChineseDate(s.arrivedOn)}）` : ""}</Item>
            <Item label="班级">{s.class ? `${s.class.name}（${s.class.major}，班主任 ${s.class.headTeacherName}）` : "未编班"}</Item>
            <Item label="学号"><span className="font-mono">{s.studentNo ?? "—"}</span></Item>
            <Item label="在读名单（附件4）">
              {s.roster.submittedVersion ? `已列入第 ${s.roster.submittedVersion} 版` : "尚未列入已提交的名单"}
              {s.roster.check ? `，${CHECK[s.roster.check.status]}${s.roster.check.comment ? `：${s.roster.check.comment}` : ""}` : ""}
            </Item>
            <Item label="秋季中职学籍注册">{s.registration ? `${s.registration.label}（${s.registration.by}，${s.registration.at ? dt(s.registration.at) : ""}）` : "未办理"}</Item>
          </dl>
        </Card>
      </div>

      {s.arrivalStatus === "ARRIVED" ? <GraduationCard s={s} ownSchool={ownSchool && can(actor.role, "graduation.vocational")} ownMiddle={ownMiddle && can(actor.role, "graduation.middle")} today={today} /> : null}

      {s.arrivalStatus === "ARRIVED" && can(actor.role, "aid.read") ? <AidCard enrolmentId={s.id} rows={aid} mayRecord={can(actor.role, "aid.record")} today={today} /> : null}

      <Card title="状态时间线">
        {s.events.length === 0 ? <p className="text-sm text-slate-500">暂无离校、考试返校或注册记录。</p> : null}
        <ol className="flex flex-col gap-3" aria-label="状态时间线">
          {s.events.map((ev) => {
            const corrected = ev.correctsEventId ? byId.get(ev.correctsEventId) : null;
            return (
              <li key={ev.id} className={`rounded border p-3 ${ev.revokedAt ? "border-slate-200 bg-slate-50 text-slate-500" : "border-slate-300"}`}>
                <div className="flex flex-wrap items-baseline gap-2">
                  <span className="font-mono text-sm">{ev.occurredOn}</span>
                  <span className={`font-medium ${ev.revokedAt ? "line-through" : ""}`}>{eventText(ev)}</span>
                  {ev.revokedAt ? <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-700">已作废（{ev.revokedBy}，{dt(ev.revokedAt)}）</span> : null}
                  {ev.exempt !== null && !ev.revokedAt ? (
                    <span className={`rounded px-1.5 py-0.5 text-xs ${ev.exempt ? "bg-green-100 text-green-800" : "bg-amber-100 text-amber-900"}`}>{ev.exempt ? "有有效证明，不计入巩固考核" : "计入流失"}</span>
                  ) : null}
                </div>
                {corrected ? <p className="mt-1 text-sm">更正的记录：{corrected.occurredOn} {eventText(corrected)}；原因：{ev.comment}</p> : ev.comment ? <p className="mt-1 text-sm">说明：{ev.comment}</p> : null}
                <p className="mt-1 text-xs text-slate-500">登记人：{ev.recordedBy}，{dt(ev.createdAt)}</p>
                {ev.proof ? (
                  <p className="mt-1 text-sm">有效证明：<a className="text-blue-700 underline" href={`/api/documents/${ev.proof.id}`} target="_blank" rel="noreferrer">{ev.proof.fileName}</a></p>
                ) : null}
                {ev.type === "LEFT_RETURN_MIDDLE_SCHOOL" ? (
                  <p className="mt-1 text-sm">原初中确认回校：{ev.returnConfirmedAt ? `已确认（${ev.returnConfirmedBy}，${dt(ev.returnConfirmedAt)}）` : "尚未确认"}</p>
                ) : null}
                {!ev.revokedAt ? (
                  <div className="mt-2 flex flex-col gap-2">
                    {isLeaveType(ev.type) && takesProof(ev.type) && (canLeave || (ownMiddle && ev.type === "LEFT_RETURN_MIDDLE_SCHOOL")) ? (
                      <ProofForm action={attachProofAction} eventId={ev.id} label={`${ev.proof ? "重新上传" : "上传"}${proofName(ev.type)}`} />
                    ) : null}
                    {ownMiddle && ev.type === "LEFT_RETURN_MIDDLE_SCHOOL" && !ev.returnConfirmedAt ? (
                      <InlineAction action={confirmReturnAction} hidden={{ eventId: ev.id }} label="确认已回校" />
                    ) : null}
                    {canLeave && ev.type === "EXAM_RETURN" && !ev.examBackOn ? <ExamBackForm action={recordExamBackAction} eventId={ev.id} today={today} /> : null}
                    {canLeave && (isLeaveType(ev.type) || ev.type === "EXAM_RETURN") ? <CorrectForm action={correctEventAction} eventId={ev.id} what={eventText(ev)} /> : null}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      </Card>

      <FollowUpsCard
        actor={actor} today={today} followUps={followUps}
        student={{ id: s.id, middleSchoolId: s.middleSchoolId, vocationalSchoolId: s.vocationalSchoolId, status: s.status, inProgramme: s.status === "ENROLLED" && !s.registration }}
      />

      {canLeave && inProgramme ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title="登记离校">
            <p className="mb-3 text-sm text-slate-600">回原初中就读或到其他高中阶段学校就读、并有接收学校出具的书面证明的，不计入本校巩固考核；辍学和其他原因离校的计入流失。</p>
            <LeaveForm action={recordLeaveAction} enrolmentId={s.id} today={today} />
          </Card>
          <Card title="返回原初中参加全省初中学业水平考试">
            <p className="mb-3 text-sm text-slate-600">学生仍为在读，不计流失。考试结束返回后请登记返回日期。</p>
            {liveExam ? <p className="text-sm">已登记考试返校（{liveExam.occurredOn} 起），请在时间线上登记返回日期。</p> : <ExamReturnForm action={recordExamReturnAction} enrolmentId={s.id} today={today} />}
          </Card>
        </div>
      ) : null}
    </div>
  );
}
