import { EntityForm } from "@/components/ui/entity-form";
import { saveVocationalSchoolAction } from "@/actions/orgs/save-vocational-school";

export function VocationalSchoolForm({ counties, school }: {
  counties: { id: string; name: string }[];
  school?: { id: string; name: string; fullName: string; countyId: string | null };
}) {
  return (
    <EntityForm action={saveVocationalSchoolAction} submitLabel="保存" hidden={school ? { id: school.id } : {}} redirectTo="/orgs?tab=vocational"
      fields={[
        { name: "name", label: "学校简称（附件2中的名称）", defaultValue: school?.name ?? "", required: true },
        { name: "fullName", label: "学校全称", defaultValue: school?.fullName ?? "", required: true },
        { name: "countyId", label: "隶属县市（不选为州属学校）", type: "select", options: counties.map((c) => ({ value: c.id, label: c.name })), defaultValue: school?.countyId ?? "" },
      ]} />
  );
}
