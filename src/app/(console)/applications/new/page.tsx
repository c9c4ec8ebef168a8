import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { now } from "@/server/clock";
import { entryWindowInfo, listVocationalSchoolChoices, ownSchoolLabel } from "@/server/applications/read";
import { chinaDateOf } from "@/lib/china-date";
import { PageTitle } from "@/components/ui/table";
import { createApplicationAction } from "@/actions/applications/create-application";
import { ApplicationForm } from "../_components/application-form";

export default async function NewApplicationPage() {
  const actor = await pageActor("application.edit");
  const at = now();
  const [schools, label, window] = await Promise.all([listVocationalSchoolChoices(actor), ownSchoolLabel(actor), entryWindowInfo(at)]);
  return (
    <div>
      <PageTitle actions={<Link className="text-sm text-blue-700 underline" href="/applications">返回列表</Link>}>
        录入报名申请（楚雄州义务教育职教班报名申请表）
      </PageTitle>
      <p className={`mb-4 rounded border px-3 py-2 text-sm ${window.open ? "border-blue-200 bg-blue-50 text-blue-900" : "border-amber-300 bg-amber-50 text-amber-900"}`}>
        {window.text}。按纸质申请表逐项填写；填写有误的栏目会立即用红字提示。报名必须由学生及其监护人自愿，严禁强制。
      </p>
      <ApplicationForm action={createApplicationAction} schoolLabel={label} vocationalSchools={schools} today={chinaDateOf(at)} />
    </div>
  );
}
