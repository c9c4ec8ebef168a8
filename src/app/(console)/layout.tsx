import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { INBOX_HREF, navFor } from "@/server/nav";
import { requestInbox } from "@/server/inbox";
import { ROLE_LABELS } from "@/server/auth/permissions";
import { trainingDate } from "@/server/clock";
import { formatChineseDate } from "@/lib/china-date";
import { signOutAction } from "./sign-out";
import { NavLinks } from "./nav-links";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await pageActor(undefined, { passwordChangePage: true }); // pages below enforce the password change
  const training = trainingDate();
  const trainingNote = training ? `演练模式：系统日期为 ${formatChineseDate(training)}（仅供培训演练，由服务器配置，不能在浏览器中修改）` : undefined;
  // On a phone the line is cut with an ellipsis; the whole of it is in the title (decision 082).
  const who = `${actor.orgName} · ${ROLE_LABELS[actor.role]} · ${actor.displayName}`;
  const todo = actor.mustChangePassword ? 0 : (await requestInbox(actor)).length;
  return (
    <div className="min-h-screen">
      {training ? (
        <div role="note" title={trainingNote} className="no-print truncate bg-amber-400 px-4 py-1 text-center text-sm font-medium text-amber-950">
          <span>演练模式：系统日期为 {formatChineseDate(training)}</span>
          <span className="hidden sm:inline">（仅供培训演练，由服务器配置，不能在浏览器中修改）</span>
        </div>
      ) : null}
      <header className="no-print border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-3 px-4 py-2 sm:py-3">
          <Link href="/" className="shrink-0 text-lg font-semibold text-blue-900">职教班管理平台</Link>
          <div className="flex min-w-0 items-center gap-3 text-sm text-slate-700">
            <span className="min-w-0 truncate" title={who} data-signed-in>{who}</span>
            <form action={signOutAction} className="shrink-0">
              <button type="submit" className="rounded border border-slate-300 px-2 py-1 whitespace-nowrap hover:bg-slate-100">退出登录</button>
            </form>
          </div>
        </div>
        <nav aria-label="主导航" className="mx-auto max-w-7xl px-4">
          <NavLinks items={navFor(actor).map(({ href, label }) => ({ href, label, badge: href === INBOX_HREF ? todo : undefined }))} />
        </nav>
      </header>
      {actor.mustChangePassword ? (
        <div className="no-print mx-auto mt-3 max-w-7xl px-4">
          <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            您的密码由管理员设置，请尽快到 <Link className="underline" href="/account">修改密码</Link> 设置只有您知道的新密码。
          </p>
        </div>
      ) : null}
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
