import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { programmeYear } from "@/server/calendar/calendar";
import { now } from "@/server/clock";
import { PageTitle } from "@/components/ui/table";
import { ImportForm } from "./import-form";

export default async function ImportPlanPage() {
  await pageActor("plan.edit");
  return (
    <div className="flex flex-col gap-4">
      <PageTitle actions={<Link className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100" href="/plan">返回</Link>}>
        导入附件2（送读招生计划表）
      </PageTitle>
      <p className="text-sm text-slate-600">
        上传州局在 WPS 或 Excel 中编制的附件2。系统先逐格检查（初中毕业生数、送读计划不超过30%、※任务数不超过计划、合计行与各行之和是否一致等），
        列出每处问题所在的工作表、行、列；您确认后才保存。有问题的文件只能保存为草稿，修正后才能下达。
      </p>
      <ImportForm defaultYear={programmeYear(now())} />
    </div>
  );
}
