import { pageActor } from "@/server/auth/page";
import { listCounties, listMiddleSchools, listVocationalSchools } from "@/server/orgs/orgs";
import { PageTitle } from "@/components/ui/table";
import { NewUserForm } from "./new-user-form";
import { PASSWORD_RULE } from "@/lib/schemas/org";

export default async function NewUserPage() {
  const actor = await pageActor("user.manage");
  const all = await listMiddleSchools(actor, { q: "", page: 1, countyId: "", status: "active" });
  // Load every middle school in scope for the picker (pages of 20 → fetch all pages).
  const schools = [...all.items];
  for (let p = 2; p <= all.pageCount; p++) schools.push(...(await listMiddleSchools(actor, { q: "", page: p, countyId: "", status: "active" })).items);
  const orgs: Record<string, { value: string; label: string }[]> = {
    MIDDLE_SCHOOL: schools.map((s) => ({ value: s.id, label: `${s.county.name}·${s.name}` })),
  };
  if (actor.role === "PREFECTURE") {
    orgs.PREFECTURE = [{ value: actor.prefectureId, label: actor.orgName }];
    orgs.COUNTY = (await listCounties(actor)).map((c) => ({ value: c.id, label: c.bureauName }));
    orgs.VOCATIONAL_SCHOOL = (await listVocationalSchools(actor)).map((v) => ({ value: v.id, label: v.fullName }));
  }
  return (
    <div>
      <PageTitle>开设账号</PageTitle>
      <p className="mb-4 text-sm text-slate-600">初始密码：{PASSWORD_RULE}。本人首次登录后须修改密码。</p>
      <NewUserForm orgs={orgs} />
    </div>
  );
}
