import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/server/auth/page";
import { now } from "@/server/clock";
import { AppError } from "@/server/errors";
import { getApplication, listVocationalSchoolChoices } from "@/server/applications/read";
import { chinaDateOf } from "@/lib/china-date";
import { PageTitle } from "@/components/ui/table";
import { updateApplicationAction } from "@/actions/applications/update-application";
import { ApplicationForm } from "../../_components/application-form";

export default async function EditApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("application.edit");
  const { id } = await params;
  const a = await getApplication(actor, id, "edit").catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const schools = await listVocationalSchoolChoices(actor);
  const c = a.contact!;
  return (
    <div>
      <PageTitle actions={<Link className="text-sm text-blue-700 underline" href={`/applications/${a.id}`}>返回申请</Link>}>
        修改报名申请：{a.studentName}
      </PageTitle>
      <ApplicationForm
        action={updateApplicationAction}
        id={a.id}
        schoolLabel={a.middleSchoolLabel}
        vocationalSchools={schools}
        today={chinaDateOf(now())}
        signed={a.status === "SIGNED"}
        initial={{
          className: a.className, headTeacherName: a.headTeacherName, headTeacherPhone: c.headTeacherPhone,
          studentName: a.studentName, sex: a.sex, studentPhone: c.studentPhone, address: c.address,
          studentNumber: a.studentNumber, idNumber: a.idNumber, guardianName: a.guardianName,
          guardianRelation: a.guardianRelation, guardianPhone: c.guardianPhone, reason: a.reason ?? "",
          vocationalSchoolId: a.vocationalSchoolId, major: a.major ?? "", eligibilityGround: a.eligibilityGround,
          shanghaiFlag: a.shanghaiFlag,
        }}
      />
    </div>
  );
}
