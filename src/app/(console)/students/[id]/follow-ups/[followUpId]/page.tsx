import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/server/auth/page";
import { AppError } from "@/server/errors";
import { openFollowUp } from "@/server/fieldwork/follow-ups";
import { formatChineseDate } from "@/lib/china-date";
import { PageTitle } from "@/components/ui/table";

const dt = (d: Date) => d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });

/** One follow-up with its notes (sensitive): opening this page writes `followUp.open` to the audit log. */
export default async function FollowUpPage({ params }: { params: Promise<{ id: string; followUpId: string }> }) {
  const actor = await pageActor("followUp.read");
  const { id, followUpId } = await params;
  const f = await openFollowUp(actor, followUpId).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  if (f.enrolmentId !== id) notFound();
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <PageTitle actions={<Link className="px-2 py-1.5 text-sm text-blue-700 underline" href={`/students/${id}`}>返回学生页面</Link>}>
        {f.studentName}：{f.kind}（{formatChineseDate(f.occurredOn)}）
      </PageTitle>
      <p role="note" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        记录内容可能涉及未成年人的家庭情况，属于敏感个人信息：本次查看已记入操作日志，请勿外传。
      </p>
      <dl className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <div><dt className="text-xs text-slate-500">参加人员</dt><dd>{f.participants || "—"}</dd></div>
        <div><dt className="text-xs text-slate-500">登记人</dt><dd>{f.recordedBy}（{dt(f.createdAt)}）</dd></div>
        {f.riskReason ? <div className="sm:col-span-2"><dt className="text-xs text-slate-500">标记的流失风险原因</dt><dd>{f.riskReason}</dd></div> : null}
        <div className="sm:col-span-2"><dt className="text-xs text-slate-500">回访情况记录</dt><dd className="whitespace-pre-wrap">{f.notes}</dd></div>
      </dl>
    </div>
  );
}
