import { pageActor } from "@/server/auth/page";
import { EntityForm } from "@/components/ui/entity-form";
import { PageTitle } from "@/components/ui/table";
import { changeOwnPasswordAction } from "@/actions/users/change-own-password";
import { PASSWORD_RULE } from "@/lib/schemas/org";

export default async function AccountPage() {
  const actor = await pageActor(undefined, { passwordChangePage: true });
  return (
    <div>
      <PageTitle>修改密码</PageTitle>
      <p className="mb-4 text-sm text-slate-600">账号：{actor.username}。{PASSWORD_RULE}。</p>
      <EntityForm action={changeOwnPasswordAction} submitLabel="修改密码" resetOnSuccess fields={[
        { name: "current", label: "当前密码", type: "password", autoComplete: "current-password", required: true },
        { name: "password", label: "新密码", type: "password", autoComplete: "new-password", required: true },
        { name: "confirm", label: "再次输入新密码", type: "password", autoComplete: "new-password", required: true },
      ]} />
    </div>
  );
}
