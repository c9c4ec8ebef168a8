import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/server/auth/page";
import { AppError } from "@/server/errors";
import { getApplication } from "@/server/applications/read";
import { printSchoolChoices, type Annex3PrintForm } from "@/server/applications/print";
import { ANNEX3_PRINT_CSS, Annex3Sheet } from "../../_components/annex3-sheet";
import { PrintButton } from "../../_components/print-button";

/** 附件3 of one application, pre-filled, on one A4 page (the sheet: ../../_components/annex3-sheet.tsx). */
export default async function PrintApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("application.read");
  const { id } = await params;
  // Shows the full ID number on paper: recorded as `application.print` in the audit log.
  const a = await getApplication(actor, id, "print").catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const schools = await printSchoolChoices(actor, [{ id: a.vocationalSchoolId, name: a.vocationalSchoolName, fullName: a.vocationalSchoolFullName }]);
  const c = a.contact!;
  const form: Annex3PrintForm = {
    id: a.id,
    middleSchoolLabel: a.middleSchoolLabel,
    className: a.className,
    headTeacherName: a.headTeacherName,
    headTeacherPhone: c.headTeacherPhone,
    studentName: a.studentName,
    sex: a.sex,
    studentPhone: c.studentPhone,
    address: c.address,
    studentNumber: a.studentNumber,
    idNumber: a.idNumber,
    guardianName: a.guardianName,
    guardianRelation: a.guardianRelation,
    guardianPhone: c.guardianPhone,
    reason: a.reason,
    vocationalSchoolId: a.vocationalSchoolId,
    major: a.major,
    reviewDecision: a.reviewDecision,
    reviewDate: a.reviewDate,
  };

  return (
    <div>
      <style>{ANNEX3_PRINT_CSS}</style>
      <div className="no-print mb-4 flex flex-wrap items-center gap-3">
        <PrintButton />
        <Link className="text-sm text-blue-700 underline" href={`/applications/${a.id}`}>返回申请</Link>
        <span className="text-sm text-slate-600">用 A4 纸打印（浏览器打印设置中选“A4、纵向”，不要勾选“页眉和页脚”）。打印后由学生本人和法定监护人签字按手印。</span>
      </div>
      <Annex3Sheet form={form} schools={schools} />
    </div>
  );
}
