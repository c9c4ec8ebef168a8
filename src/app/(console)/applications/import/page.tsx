import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { now } from "@/server/clock";
import { entryWindowInfo, ownSchoolLabel } from "@/server/applications/read";
import { PageTitle } from "@/components/ui/table";
import { ImportClient } from "./import-client";

export default async function ImportApplicationsPage() {
  const actor = await pageActor("application.import");
  const [label, window] = await Promise.all([ownSchoolLabel(actor), entryWindowInfo(now())]);
  return (
    <div className="flex flex-col gap-4">
      <PageTitle actions={<Link className="text-sm text-blue-700 underline" href="/applications">返回列表</Link>}>批量导入报名申请</PageTitle>
      <p className={`rounded border px-3 py-2 text-sm ${window.open ? "border-blue-200 bg-blue-50 text-blue-900" : "border-amber-300 bg-amber-50 text-amber-900"}`}>{window.text}</p>
      <ol className="list-decimal space-y-1 rounded-lg border border-slate-200 bg-white p-4 pl-9 text-sm text-slate-800">
        <li>
          <a className="font-medium text-blue-700 underline" href="/api/exports/application-template" download>下载导入模板（.xlsx）</a>
          ，每行填写一名学生。“初中学校名”按本校（{label}）自动填写，表中不用填。
        </li>
        <li>联系电话填11位手机号码，初中学籍号填足14位，身份证号码填足18位；与学生的关系、报名就读学校等从下拉列表中选择。</li>
        <li>上传填好的文件。系统逐行检查，与逐份录入的要求完全相同；只要有一处不符合要求，整个文件都不导入，并列出每个问题所在的行和列。</li>
        <li>导入后的申请为“草稿”，还需逐份打印、签字、上传扫描件并审核。</li>
      </ol>
      <ImportClient />
    </div>
  );
}
