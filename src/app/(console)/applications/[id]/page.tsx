import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { pageActor } from "@/server/auth/page";
import { can } from "@/server/auth/permissions";
import { now } from "@/server/clock";
import { AppError } from "@/server/errors";
import { listVocationalSchoolChoices } from "@/server/applications/read";
import { loadApplicationPage } from "@/server/pages/application";
import { missingConsent } from "@/server/applications/rules";
import { chinaDateOf, formatChineseDate } from "@/lib/china-date";
import { ELIGIBILITY_GROUND_LABELS, SEX_LABELS } from "@/lib/schemas/application-fields";
import { applicationPhoneWarnings } from "@/lib/schemas/application-phones";
import { NO_PHONE } from "@/lib/validators/phone";
import { EDITABLE_STATUSES, WITHDRAWABLE_STATUSES } from "@/lib/schemas/application-workflow";
import { PageTitle } from "@/components/ui/table";
import { recordConsentAction } from "@/actions/applications/record-consent";
import { reviewApplicationAction } from "@/actions/applications/review-application";
import { withdrawApplicationAction } from "@/actions/applications/withdraw-application";
import { RevealIdNumber } from "@/components/reveal-id-number";
import { StatusTag } from "../_components/status-tag";
import { ConsentForm } from "./_components/consent-form";
import { ReviewForm } from "./_components/review-form";
import { WithdrawForm } from "./_components/withdraw-form";
import { ChangeSchoolForm } from "./_components/change-school-form";
import { CHOICE_CHANGE_STATUSES } from "@/server/applications/change-school";
import { programmeYearOf } from "@/lib/year";
import { ReadOnlyNote } from "@/components/year/year-selector";

const dt = (d: Date) => d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });

function Item({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "sm:col-span-2 lg:col-span-3" : ""}>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}

/** A phone the annex does not expect (a landline): accepted, marked where it is shown. */
function PhoneWarning({ text }: { text?: string }) {
  return text ? <span className="mt-1 block text-sm text-amber-800" role="note">⚠ {text}</span> : null;
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-label={title}>
      <h2 className="mb-3 font-semibold">{title}</h2>
      {children}
    </section>
  );
}

const HIDDEN = <span className="text-slate-500">学生送读到本校后可见</span>;

export default async function ApplicationPage({
  params, searchParams,
}: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await pageActor("application.read");
  const { id } = await params;
  const sp = await searchParams;
  // The ID number is masked; "显示完整身份证号" fetches it and writes `idNumber.reveal` (decision 072).
  const { a, history, enrolmentId } = await loadApplicationPage(actor, id).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  // An application of a past programme year is read-only (docs/decisions/035-year-parameter.md).
  const pastYear = a.year < programmeYearOf(now());
  const isOwnSchool = actor.role === "MIDDLE_SCHOOL" && actor.middleSchoolId === a.middleSchoolId && !pastYear;
  const canEdit = isOwnSchool && can(actor.role, "application.edit");
  const editable = canEdit && (EDITABLE_STATUSES as readonly string[]).includes(a.status);
  const missing = missingConsent({ ...a, consentDocumentId: a.consentDocument?.id ?? null });
  const c = a.contact;
  const warnings = c ? applicationPhoneWarnings(c) : {};

  return (
    <div className="flex flex-col gap-4">
      <PageTitle
        actions={
          <div className="flex flex-wrap gap-2">
            {c ? <Link className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100" href={`/applications/${a.id}/print`}>打印申请表</Link> : null}
            {enrolmentId ? <Link className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100" href={`/students/${enrolmentId}`}>学生页面（送读后）</Link> : null}
            {editable ? <Link className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100" href={`/applications/${a.id}/edit`}>修改</Link> : null}
            <Link className="px-2 py-1.5 text-sm text-blue-700 underline" href={`/applications?year=${a.year}`}>返回列表</Link>
          </div>
        }
      >
        报名申请：{a.studentName} <StatusTag status={a.status} />
      </PageTitle>
      {pastYear ? <ReadOnlyNote text={`这是${a.year}年的报名申请，${a.year}年的报名录入期已经结束，只供查看，不能再修改。`} /> : null}

      {sp.saved ? (
        <p aria-live="polite" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800">
          已保存。{a.status === "DRAFT" ? "下一步：点“打印申请表”，请学生本人和法定监护人在纸质表上签字按手印，再在下方“签字确认”中登记并上传扫描件。" : ""}
        </p>
      ) : null}

      <Card title="申请表内容">
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
          <Item label="初中学校名">{a.middleSchoolLabel}</Item>
          <Item label="班级名">{a.className}</Item>
          <Item label="班主任">{a.limited ? HIDDEN : a.headTeacherName}{c ? `（${c.headTeacherPhone}）` : null}{c ? <PhoneWarning text={warnings.headTeacherPhone} /> : null}</Item>
          <Item label="学生姓名">{a.studentName}</Item>
          <Item label="性别">{SEX_LABELS[a.sex]}</Item>
          <Item label="学生联系电话">{c ? <>{c.studentPhone}{c.studentPhone === NO_PHONE ? "（学生没有电话）" : null}<PhoneWarning text={warnings.studentPhone} /></> : HIDDEN}</Item>
          <Item label="身份证号码">{c ? <RevealIdNumber applicationId={a.id} masked={a.idNumberMasked} page="application" /> : HIDDEN}</Item>
          <Item label="初中学籍号">{a.limited ? HIDDEN : <span className="font-mono">{a.studentNumber}</span>}</Item>
          <Item label="家庭住址">
            {c ? [c.address.county, c.address.township, c.address.village, c.address.street].join(" ") : HIDDEN}
          </Item>
          <Item label="法定监护人">{a.limited ? HIDDEN : `${a.guardianName}（${a.guardianRelation}）`}</Item>
          <Item label="监护人联系电话">{c ? <>{c.guardianPhone}<PhoneWarning text={warnings.guardianPhone} /></> : HIDDEN}</Item>
          <Item label="报名就读学校">{a.vocationalSchoolFullName}{a.major ? `，${a.major}专业` : ""}</Item>
          <Item label="申请事由" wide>{a.limited ? HIDDEN : (a.reason ?? <span className="text-slate-500">（未填）</span>)}</Item>
          <Item label="招生对象" wide>{a.limited ? HIDDEN : ELIGIBILITY_GROUND_LABELS[a.eligibilityGround]}</Item>
          <Item label="建档立卡 / 东西协作送读上海">{a.limited ? HIDDEN : a.shanghaiFlag ? "是" : "否"}</Item>
          <Item label="录入">{a.enteredByName}，{dt(a.createdAt)}{a.imported ? "（批量导入）" : ""}</Item>
        </dl>
      </Card>

      <Card title="签字确认">
        <ul className="mb-3 grid gap-1 text-sm sm:grid-cols-3">
          <li>学生本人签字：{a.studentSigned ? <strong className="text-green-800">已签字</strong> : <span className="text-red-700">未登记</span>}</li>
          <li>法定监护人签字：{a.guardianSigned ? <strong className="text-green-800">已签字</strong> : <span className="text-red-700">未登记</span>}</li>
          <li>
            扫描件：
            {a.consentDocument ? (
              <a className="text-blue-700 underline" href={`/api/documents/${a.consentDocument.id}`} target="_blank" rel="noopener">
                查看（{a.consentDocument.fileName}，{Math.max(1, Math.round(a.consentDocument.size / 1024))} KB）
              </a>
            ) : c ? <span className="text-red-700">未上传</span> : HIDDEN}
          </li>
        </ul>
        {editable ? (
          <ConsentForm action={recordConsentAction} id={a.id} studentSigned={a.studentSigned} guardianSigned={a.guardianSigned} hasScan={!!a.consentDocument} />
        ) : null}
      </Card>

      <Card title="初中学校审核意见">
        {a.reviewDecision !== null ? (
          <p>
            <strong className={a.reviewDecision ? "text-green-800" : "text-red-800"}>{a.reviewDecision ? "同意" : "不同意"}</strong>
            ，盖章日期 {a.reviewDate ? formatChineseDate(a.reviewDate) : "—"}
            {a.reviewedByName ? `，登记人 ${a.reviewedByName}` : ""}
            {a.reviewComment ? `。说明：${a.reviewComment}` : ""}
          </p>
        ) : a.status === "SIGNED" && isOwnSchool && can(actor.role, "application.review") ? (
          <ReviewForm action={reviewApplicationAction} id={a.id} today={chinaDateOf(now())} />
        ) : a.status === "DRAFT" ? (
          <p className="text-sm text-slate-700">尚不能审核：还缺{missing.join("、")}。</p>
        ) : (
          <p className="text-sm text-slate-500">未审核。</p>
        )}
      </Card>

      {canEdit && (CHOICE_CHANGE_STATUSES as readonly string[]).includes(a.status) ? (
        <Card title="更改报名就读学校">
          <p className="mb-2 text-sm text-slate-600">学生改变志愿时，须由学生和监护人重新签字确认新的选择，并上传扫描件；审核意见继续有效。当前报名：{a.vocationalSchoolName}。</p>
          <ChangeSchoolForm id={a.id} currentId={a.vocationalSchoolId} schools={await listVocationalSchoolChoices(actor)} />
        </Card>
      ) : null}

      {a.status === "WITHDRAWN" ? (
        <Card title="撤回">
          <p>已于 {a.withdrawnAt ? dt(a.withdrawnAt) : "—"} 撤回。原因：{a.withdrawReason}</p>
        </Card>
      ) : canEdit && (WITHDRAWABLE_STATUSES as readonly string[]).includes(a.status) ? (
        <Card title="自愿撤回">
          <p className="mb-2 text-sm text-slate-600">送读之前，学生及监护人可以随时自愿撤回报名。</p>
          <WithdrawForm action={withdrawApplicationAction} id={a.id} studentName={a.studentName} />
        </Card>
      ) : null}

      <Card title="办理记录">
        <ol className="flex flex-col gap-1 text-sm">
          {history.map((h) => (
            <li key={h.id}>
              <span className="text-slate-500">{dt(h.at)}</span> {h.text}{h.actorName ? `（${h.actorName}）` : ""}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
