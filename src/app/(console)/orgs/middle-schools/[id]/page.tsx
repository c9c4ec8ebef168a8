import { pageActor } from "@/server/auth/page";
import { getMiddleSchool, listCounties } from "@/server/orgs/orgs";
import { EntityForm } from "@/components/ui/entity-form";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { PageTitle, StatusBadge } from "@/components/ui/table";
import { saveMiddleSchoolAction } from "@/actions/orgs/save-middle-school";
import { setMiddleSchoolActiveAction } from "@/actions/orgs/set-middle-school-active";
import { AppError } from "@/server/errors";
import { notFound } from "next/navigation";

export default async function EditMiddleSchoolPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("org.middleSchool.manage");
  const { id } = await params;
  const school = await getMiddleSchool(actor, id).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const counties = await listCounties(actor);
  return (
    <div className="flex flex-col gap-6">
      <PageTitle>修改初中学校：{school.name} <StatusBadge active={school.active} /></PageTitle>
      <EntityForm
        action={saveMiddleSchoolAction}
        submitLabel="保存"
        hidden={{ id: school.id }}
        fields={[
          { name: "countyId", label: "所属县市", type: "select", options: counties.map((c) => ({ value: c.id, label: c.name })), defaultValue: school.countyId },
          { name: "name", label: "学校名称", defaultValue: school.name, required: true },
          ...(actor.role === "PREFECTURE" ? [{ name: "prefectureOwned", label: "州属高完中（由楚雄市教育体育局组织送读）", type: "checkbox" as const, defaultValue: school.prefectureOwned }] : []),
        ]}
      />
      <section className="rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-medium">{school.active ? "停用学校" : "恢复启用"}</h2>
        <ConfirmAction
          action={setMiddleSchoolActiveAction}
          hidden={{ id: school.id, active: school.active ? "false" : "true" }}
          label={school.active ? "停用该学校" : "恢复启用该学校"}
          title={school.active ? `确认停用“${school.name}”？` : `确认恢复启用“${school.name}”？`}
          body={school.active ? "停用后该校账号不能登录，也不能再录入报名；已有数据全部保留，可随时恢复启用。" : "恢复后该校账号可以重新登录。"}
          confirmLabel={school.active ? "确认停用" : "确认恢复"}
          variant={school.active ? "danger" : "primary"}
        />
      </section>
    </div>
  );
}
