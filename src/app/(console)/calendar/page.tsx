import { pageActor } from "@/server/auth/page";
import { can } from "@/server/auth/permissions";
import { now } from "@/server/clock";
import { programmeYear } from "@/server/calendar/calendar";
import { getCalendarPageData, type CalendarPageData } from "@/server/calendar/calendar-view";
import { yearAtHand } from "@/server/year";
import { proposeCalendar, type CalendarProposal } from "@/lib/holiday-schedule";
import { YearSelector } from "@/components/year/year-selector";
import { computeCalendar, type CalendarPhase, type CalendarWindow } from "@/lib/calendar";
import { type CalendarSettings } from "@/lib/calendar-settings";
import { chinaDateOf, chineseWeekday, daysBetween, formatChineseDate, formatChineseRange, rangeDays } from "@/lib/china-date";
import { AUDIT_ACTION_LABELS } from "@/lib/audit-labels";
import { PageTitle, Table, Td } from "@/components/ui/table";
import { PhaseTimeline } from "@/components/timeline/phase-timeline";
import { SettingsForm } from "./_components/settings-form";
import { OverrideForm } from "./_components/override-form";
import { LiveOverrides } from "./_components/revoke-form";

type Search = Promise<Record<string, string | string[] | undefined>>;

const dateWithWeekday = (d: string) => `${formatChineseDate(d)}（${chineseWeekday(d)}）`;
const timeText = (t: Date) => t.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });

export default async function CalendarPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("calendar.read");
  const t = now();
  const thisYear = programmeYear(t);
  // Last year and next year are offered too, so the bureau can set next year's calendar in advance.
  const at = await yearAtHand(await searchParams, { now: t, extra: [thisYear - 1, thisYear + 1] });
  const { year } = at;
  const edit = can(actor.role, "calendar.edit");
  const data = await getCalendarPageData(actor, year);
  const proposal = data ? null : proposeCalendar(year);

  return (
    <div className="flex flex-col gap-6">
      <PageTitle actions={<YearSelector at={at} path="/calendar" />}>{year}年工作日历</PageTitle>

      {data ? <CalendarView data={data} today={chinaDateOf(t)} /> : (
        <>
          <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
            {edit
              ? `${year}年的工作日历尚未设置。${proposal?.published ? "下面是系统按国务院办公厅公布的节假日安排计算的建议，请核对后确认保存，或修改后保存。" : "请在下面填写五一劳动节假期最后一天等设置并保存，系统将计算各阶段时间。"}`
              : `州教育体育局尚未设置${year}年的工作日历，各阶段时间暂未确定。请等待州教育体育局设置，或与州教育体育局联系。`}
          </p>
          {proposal ? <ProposalView proposal={proposal} today={chinaDateOf(t)} /> : null}
        </>
      )}

      {edit ? <EditSections year={year} data={data} proposed={proposal?.published ? proposal.settings : null} /> : null}
    </div>
  );
}

/** The proposed calendar of a year without one (not in force until the bureau saves it), or why there is none. */
function ProposalView({ proposal, today }: { proposal: CalendarProposal; today: string }) {
  if (!proposal.published) {
    return <p role="note" data-testid="calendar-proposal" className="rounded border border-slate-300 bg-slate-50 px-3 py-2 text-sm">{proposal.message}</p>;
  }
  const calendar = computeCalendar(proposal.settings);
  return (
    <section aria-labelledby="proposal-heading" data-testid="calendar-proposal" className="flex flex-col gap-3 rounded-lg border border-dashed border-blue-300 bg-white p-6">
      <h2 id="proposal-heading" className="text-lg font-semibold">建议的{proposal.year}年工作日历（尚未确认，未生效）</h2>
      <p className="text-sm text-slate-700">{proposal.basis}</p>
      <PhaseTimeline calendar={calendar} today={today} />
      <Table caption={`建议的${proposal.year}年各阶段时间`} head={["阶段", "开始日期", "结束日期", "天数"]}>
        {[...calendar.phases, ...calendar.windows].map((p) => (
          <tr key={p.key}>
            <Td className="font-medium whitespace-nowrap">{p.label}</Td>
            <Td className="whitespace-nowrap">{dateWithWeekday(p.start)}</Td>
            <Td className="whitespace-nowrap">{dateWithWeekday(p.end)}</Td>
            <Td className="whitespace-nowrap">{rangeDays(p)} 天</Td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

function CalendarView({ data, today }: { data: CalendarPageData; today: string }) {
  const { calendar, settings } = data;
  const rows: (CalendarPhase | CalendarWindow)[] = [...calendar.phases, ...calendar.windows];
  return (
    <>
      <section aria-labelledby="phases-heading" className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="phases-heading" className="text-lg font-semibold">各阶段时间</h2>
        <PhaseTimeline calendar={calendar} today={today} />
        <Table caption={`${data.year}年各阶段时间`} head={["阶段", "开始日期", "结束日期", "天数", "说明"]}>
          {rows.map((p) => (
            <tr key={p.key} className={p.key === "applicationEntry" || p.key === "autumnRegistration" ? "bg-slate-50" : undefined}>
              <Td className="font-medium whitespace-nowrap">{p.label}</Td>
              <Td className="whitespace-nowrap">{dateWithWeekday(p.start)}</Td>
              <Td className="whitespace-nowrap">{dateWithWeekday(p.end)}</Td>
              <Td className="whitespace-nowrap">
                {rangeDays(p)} 天{p.key === "sendOff" ? `，其中 ${data.sendOffWorkingDays} 个工作日` : ""}
              </Td>
              <Td>
                {p.overridden ? (
                  <span className="rounded bg-amber-100 px-1.5 py-0.5 text-amber-900">已调整</span>
                ) : null}
                {p.overridden ? <span className="ml-1">原因：{p.reason}</span> : <span className="text-slate-600">{EXPLAIN[p.key]}</span>}
              </Td>
            </tr>
          ))}
        </Table>
      </section>

      <section aria-labelledby="deadlines-heading" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="deadlines-heading" className="text-lg font-semibold">截止日期</h2>
        <Table caption={`${data.year}年截止日期`} head={["事项", "截止日期", "情况"]}>
          {calendar.deadlines.map((d) => {
            const left = daysBetween(today, d.date);
            return (
              <tr key={d.key}>
                <Td className="font-medium">{d.label}</Td>
                <Td className="whitespace-nowrap">{dateWithWeekday(d.date)}</Td>
                <Td>{left < 0 ? <span className="text-slate-500">已过</span> : left === 0 ? <strong className="text-red-700">今天截止</strong> : `还有 ${left} 天`}</Td>
              </tr>
            );
          })}
        </Table>
      </section>

      <section aria-labelledby="settings-heading" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="settings-heading" className="mb-3 text-lg font-semibold">计算依据</h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[16rem_1fr]">
          <dt className="text-slate-600">五一劳动节假期最后一天</dt><dd>{dateWithWeekday(settings.mayDayHolidayEnd)}</dd>
          <dt className="text-slate-600">其他非工作日</dt><dd>{settings.extraNonWorkingDays.map(formatChineseDate).join("、") || "无"}</dd>
          <dt className="text-slate-600">调休上班日</dt><dd>{settings.makeUpWorkingDays.map(formatChineseDate).join("、") || "无"}</dd>
          <dt className="text-slate-600">调休的周六计为工作日</dt><dd>{settings.makeUpSaturdaysCount ? "是" : "否（双休日除外）"}</dd>
          <dt className="text-slate-600">秋季学期中职学籍注册完成日期</dt>
          <dd>{settings.autumnRegistrationDate ? dateWithWeekday(settings.autumnRegistrationDate) : `未填写，按${data.year}年9月30日`}</dd>
          <dt className="text-slate-600">版本</dt><dd>第 {data.version} 版 · {data.updatedBy} 于 {timeText(data.updatedAt)} 修改</dd>
        </dl>
      </section>
    </>
  );
}

const EXPLAIN: Record<string, string> = {
  publicity: "每年4月下旬：职业学校深入初级中学宣传，初级中学组织报名",
  sendOff: "五一劳动节收假后的 7 个工作日（双休日除外），其他时间不再开展招生送读工作",
  stabilisation: "送读期结束后的 3 周",
  confirmation: "稳定期结束后的第 1 周",
  consolidation: "确认期结束后至秋季学期中职学籍注册完成",
  applicationEntry: "录入报名申请的时间：默认为宣传期开始至送读期结束",
  autumnRegistration: "职业学校为仍在读的学生注册中职学籍（或登记不继续就读）：默认为9月1日至秋季学期中职学籍注册完成日期",
};

function EditSections({ year, data, proposed }: { year: number; data: CalendarPageData | null; proposed: CalendarSettings | null }) {
  if (!data) {
    return (
      <section aria-labelledby="edit-heading" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="edit-heading" className="mb-3 text-lg font-semibold">设置{year}年工作日历</h2>
        {proposed ? <p className="mb-3 text-sm text-slate-600">已按建议填好，核对无误请点“确认并保存”；与实际安排不同的请先修改。</p> : null}
        <SettingsForm year={year} version={0} settings={proposed} />
      </section>
    );
  }
  const windows = [...data.calendar.phases, ...data.calendar.windows];
  const live = windows.filter((w) => w.overridden);
  return (
    <>
      <section aria-labelledby="edit-heading" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="edit-heading" className="mb-1 text-lg font-semibold">修改设置</h2>
        <p className="mb-4 text-sm text-slate-600">保存后各阶段时间按新设置重新计算（已调整的阶段保持调整后的时间），并记入修改记录。</p>
        <SettingsForm year={year} version={data.version} settings={data.settings} />
      </section>

      <section aria-labelledby="override-heading" className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="override-heading" className="text-lg font-semibold">调整阶段时间</h2>
        <LiveOverrides
          year={year}
          version={data.version}
          live={live.map((w) => ({ key: w.key, label: w.label, start: w.start, end: w.end, reason: w.reason ?? "", restoreTo: data.restoreTo[w.key] ?? null }))}
        />
        <OverrideForm year={year} version={data.version} windows={windows} />
      </section>

      <section aria-labelledby="history-heading" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="history-heading" className="text-lg font-semibold">调整记录</h2>
        {data.history?.length ? (
          <Table caption="阶段时间调整记录" head={["阶段", "调整为", "原因", "调整人、时间", "状态"]}>
            {data.history.map((h) => (
              <tr key={h.id}>
                <Td className="whitespace-nowrap">{h.label}</Td>
                <Td className="whitespace-nowrap">{formatChineseRange(h)}</Td>
                <Td>{h.reason}</Td>
                <Td>{h.createdBy}<br /><span className="text-slate-500">{timeText(h.createdAt)}</span></Td>
                <Td>
                  {h.revokedAt ? (
                    <span className="text-slate-600">已失效（{h.revokedBy}，{timeText(h.revokedAt)}）</span>
                  ) : (
                    <span className="rounded bg-amber-100 px-1.5 py-0.5 text-amber-900">生效中</span>
                  )}
                </Td>
              </tr>
            ))}
          </Table>
        ) : (
          <p className="text-sm text-slate-600">没有调整记录。</p>
        )}
      </section>

      <section aria-labelledby="changes-heading" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="changes-heading" className="text-lg font-semibold">修改记录</h2>
        {data.changes?.length ? (
          <Table caption="工作日历修改记录" head={["时间", "操作人", "操作", "版本", "内容"]}>
            {data.changes.map((c) => (
              <tr key={c.id}>
                <Td className="whitespace-nowrap">{timeText(c.at)}</Td>
                <Td>{c.by}</Td>
                <Td className="whitespace-nowrap">{AUDIT_ACTION_LABELS[c.action] ?? c.action}</Td>
                <Td className="whitespace-nowrap">{c.version ? `第 ${c.version} 版` : ""}</Td>
                <Td>{c.text}</Td>
              </tr>
            ))}
          </Table>
        ) : (
          <p className="text-sm text-slate-600">没有修改记录（演示数据中的日历由系统初始化时载入）。</p>
        )}
      </section>
    </>
  );
}
