import { notFound } from "next/navigation";
import { pageActor } from "@/server/auth/page";
import { getManagedUser } from "@/server/users/users";
import { ROLE_LABELS } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { EntityForm } from "@/components/ui/entity-form";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { PageTitle, StatusBadge } from "@/components/ui/table";
import { updateUserAction } from "@/actions/users/update-user";
import { setUserActiveAction } from "@/actions/users/set-user-active";
import { resetPasswordAction } from "@/actions/users/reset-password";
import { PASSWORD_RULE } from "@/lib/schemas/org";

export default async function ManageUserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("user.manage");
  const { id } = await params;
  const user = await getManagedUser(actor, id).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <div className="flex flex-col gap-6">
      <PageTitle>账号：<span className="font-mono">{user.username}</span> <StatusBadge active={user.active} /></PageTitle>
      <p className="text-sm text-slate-600">{ROLE_LABELS[user.role]} · {user.orgLabel}</p>
      <section className="rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-3 font-medium">基本信息</h2>
        <EntityForm action={updateUserAction} submitLabel="保存" hidden={{ id: user.id }} fields={[
          { name: "displayName", label: "姓名", defaultValue: user.displayName, required: true },
          { name: "phone", label: "联系电话（可不填）", type: "tel", defaultValue: user.phone ?? "" },
        ]} />
      </section>
      <section className="rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-3 font-medium">重置密码</h2>
        <p className="mb-3 text-sm text-slate-600">{PASSWORD_RULE}。重置后该账号已打开的页面将退出登录。</p>
        <EntityForm action={resetPasswordAction} submitLabel="重置密码" hidden={{ id: user.id }} resetOnSuccess fields={[
          { name: "password", label: "新密码", type: "password", autoComplete: "new-password", required: true },
        ]} />
      </section>
      <section className="rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-3 font-medium">{user.active ? "停用账号" : "恢复启用"}</h2>
        <ConfirmAction
          action={setUserActiveAction}
          hidden={{ id: user.id, active: user.active ? "false" : "true" }}
          label={user.active ? "停用该账号" : "恢复启用该账号"}
          title={user.active ? `确认停用账号“${user.username}”？` : `确认恢复启用账号“${user.username}”？`}
          body={user.active ? "停用后该账号不能登录，已打开的页面在下一次操作时退出。账号和它办理过的记录都会保留，可随时恢复。" : "恢复后该账号可以重新登录。"}
          confirmLabel={user.active ? "确认停用" : "确认恢复"}
          variant={user.active ? "danger" : "primary"}
        />
      </section>
    </div>
  );
}
