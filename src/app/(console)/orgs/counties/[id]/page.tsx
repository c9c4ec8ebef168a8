import { notFound } from "next/navigation";
import { pageActor } from "@/server/auth/page";
import { listCounties } from "@/server/orgs/orgs";
import { EntityForm } from "@/components/ui/entity-form";
import { PageTitle } from "@/components/ui/table";
import { updateCountyAction } from "@/actions/orgs/update-county";

export default async function EditCountyPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("org.county.manage");
  const { id } = await params;
  const county = (await listCounties(actor)).find((c) => c.id === id);
  if (!county) notFound();
  return (
    <div>
      <PageTitle>修改县市：{county.name}</PageTitle>
      <EntityForm action={updateCountyAction} submitLabel="保存" hidden={{ id: county.id }} redirectTo="/orgs?tab=counties"
        fields={[
          { name: "name", label: "县市名称", defaultValue: county.name, required: true },
          { name: "bureauName", label: "教育体育局名称", defaultValue: county.bureauName, required: true },
        ]} />
    </div>
  );
}
