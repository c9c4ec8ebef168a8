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
import { unlockUserAction } from "@/actions/users/unlock-user";
import { can } from "@/server/auth/permissions";
import { now } from "@/server/clock";
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
      {user.lockedUntil && user.lockedUntil > now() ? (
        <section className="rounded border border-amber-300 bg-amber-50 p-4">
          <h2 className="mb-2 font-medium">账号已锁定</h2>
          <p className="mb-3 text-sm text-slate-700">
            该账号因密码连续输错被锁定，将于 {user.lockedUntil.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })} 自动解除。
            {can(actor.role, "user.unlock") ? "确认是本人操作后，可以立即解除锁定。" : "如需立即解除，请联系州教育体育局。"}
          </p>
          {can(actor.role, "user.unlock") ? (
            <ConfirmAction action={unlockUserAction} hidden={{ id: user.id }} label="解除锁定"
              title={`确认解除账号“${user.username}”的锁定？`} body="请先电话确认是账号使用人本人忘记了密码，而不是他人在猜测密码。解除后可立即重新登录。"
              confirmLabel="确认解除" variant="primary" />
          ) : null}
        </section>
      ) : null}
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
