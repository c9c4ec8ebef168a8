import { pageActor } from "@/server/auth/page";
import { listCounties } from "@/server/orgs/orgs";
import { PageTitle } from "@/components/ui/table";
import { VocationalSchoolForm } from "../form";

export default async function NewVocationalSchoolPage() {
  const actor = await pageActor("org.vocationalSchool.manage");
  return (<div><PageTitle>新增职业学校</PageTitle><VocationalSchoolForm counties={await listCounties(actor)} /></div>);
}
