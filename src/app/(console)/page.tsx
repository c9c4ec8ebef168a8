import { pageActor } from "@/server/auth/page";
import { PERMISSION_LABELS, ROLE_LABELS, permissionsOf } from "@/server/auth/permissions";

export default async function HomePage() {
  const actor = await pageActor();
  const perms = permissionsOf(actor.role).filter((p) => p !== "user.changeOwnPassword");
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="org-heading" className="rounded-lg border border-slate-200 bg-white p-6">
        <h1 id="org-heading" className="text-xl font-semibold">{actor.orgName}</h1>
        <p className="mt-1 text-slate-600">账号类型：{ROLE_LABELS[actor.role]} · 登录账号：{actor.username}</p>
      </section>
      <section aria-labelledby="can-heading" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="can-heading" className="text-lg font-semibold">您可以办理</h2>
        <ul className="mt-3 list-disc pl-6 text-slate-700">
          {perms.map((p) => <li key={p}>{PERMISSION_LABELS[p]}</li>)}
        </ul>
      </section>
    </div>
  );
}
