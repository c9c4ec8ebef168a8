import { pageActor } from "@/server/auth/page";
import { listCounties } from "@/server/orgs/orgs";
import { EntityForm } from "@/components/ui/entity-form";
import { PageTitle } from "@/components/ui/table";
import { saveMiddleSchoolAction } from "@/actions/orgs/save-middle-school";

export default async function NewMiddleSchoolPage() {
  const actor = await pageActor("org.middleSchool.manage");
  const counties = await listCounties(actor);
  return (
    <div>
      <PageTitle>新增初中学校</PageTitle>
      <EntityForm
        action={saveMiddleSchoolAction}
        submitLabel="保存"
        redirectTo="/orgs?tab=middle"
        fields={[
          { name: "countyId", label: "所属县市", type: "select", options: counties.map((c) => ({ value: c.id, label: c.name })), defaultValue: actor.countyId ?? "" },
          { name: "name", label: "学校名称", required: true },
          ...(actor.role === "PREFECTURE" ? [{ name: "prefectureOwned", label: "州属高完中（由楚雄市教育体育局组织送读）", type: "checkbox" as const }] : []),
        ]}
      />
    </div>
  );
}
