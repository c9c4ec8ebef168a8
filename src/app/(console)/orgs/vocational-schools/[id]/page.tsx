import { notFound } from "next/navigation";
import { pageActor } from "@/server/auth/page";
import { listCounties, listVocationalSchools } from "@/server/orgs/orgs";
import { PageTitle } from "@/components/ui/table";
import { VocationalSchoolForm } from "../form";

export default async function EditVocationalSchoolPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("org.vocationalSchool.manage");
  const { id } = await params;
  const school = (await listVocationalSchools(actor)).find((s) => s.id === id);
  if (!school) notFound();
  return (<div><PageTitle>修改职业学校：{school.name}</PageTitle><VocationalSchoolForm counties={await listCounties(actor)} school={school} /></div>);
}
