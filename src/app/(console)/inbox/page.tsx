import { pageActor } from "@/server/auth/page";
import { now } from "@/server/clock";
import { requestInbox } from "@/server/inbox";
import { formatChineseDate, chinaDateOf } from "@/lib/china-date";
import { PageTitle } from "@/components/ui/table";
import { InboxList } from "../_dashboard/inbox-list";

/** 待办事项: every to-do of the actor's organisation, computed from the data now (src/server/inbox/). */
export default async function InboxPage() {
  const actor = await pageActor();
  const t = now();
  const items = await requestInbox(actor);
  return (
    <div className="flex flex-col gap-4">
      <PageTitle>待办事项</PageTitle>
      <p className="text-sm text-slate-600">
        截至 {formatChineseDate(chinaDateOf(t))}，{actor.orgName}共有 {items.length} 项待办。待办事项由系统根据数据自动生成，办理完成后自动消失；点击事项进入办理页面。
      </p>
      <section aria-label="待办事项列表" className="rounded-lg border border-slate-200 bg-white p-4">
        <InboxList items={items} />
      </section>
    </div>
  );
}
