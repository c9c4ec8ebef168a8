import { pageActor } from "@/server/auth/page";
import { EntityForm } from "@/components/ui/entity-form";
import { PageTitle } from "@/components/ui/table";
import { changeOwnPasswordAction } from "@/actions/users/change-own-password";
import { PASSWORD_CHANGED, PASSWORD_RULE } from "@/lib/schemas/org";

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  const actor = await pageActor(undefined, { passwordChangePage: true });
  const { changed } = await searchParams;
  return (
    <div>
      <PageTitle>修改密码</PageTitle>
      {changed === "1" ? (
        <p aria-live="polite" className="mb-4 rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800">{PASSWORD_CHANGED}</p>
      ) : null}
      <p className="mb-4 text-sm text-slate-600">账号：{actor.username}。{PASSWORD_RULE}。</p>
      <EntityForm action={changeOwnPasswordAction} submitLabel="修改密码" resetOnSuccess fields={[
        { name: "current", label: "当前密码", type: "password", autoComplete: "current-password", required: true },
        { name: "password", label: "新密码", type: "password", autoComplete: "new-password", required: true },
        { name: "confirm", label: "再次输入新密码", type: "password", autoComplete: "new-password", required: true },
      ]} />
    </div>
  );
}
