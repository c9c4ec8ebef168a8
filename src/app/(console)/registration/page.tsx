import { pageActor } from "@/server/auth/page";
import { can } from "@/server/auth/permissions";
import { now } from "@/server/clock";
import { phaseStatus } from "@/server/calendar/calendar";
import { yearAtHand } from "@/server/year";
import { registrationList } from "@/server/student-status/read";
import { annex6Board } from "@/server/student-status/registration";
import { AUTUMN_REGISTRATION_WINDOW } from "@/lib/calendar-settings";
import { formatChineseRange } from "@/lib/china-date";
import { PageTitle, Table, Td } from "@/components/ui/table";
import { InlineAction } from "@/components/ui/inline-action";
import { decideRegistrationAction } from "@/actions/student-status/decide-registration";
import { submitAnnex6Action } from "@/actions/student-status/submit-annex6";
import { receiveAnnex6Action } from "@/actions/student-status/receive-annex6";
import { ReadOnlyNote, YearSelector } from "@/components/year/year-selector";
import { pastYearReadOnly, readOnlyText } from "@/lib/year";
import { RegistrationTable } from "./registration-table";

type Search = Promise<Record<string, string | string[] | undefined>>;
const dt = (d: Date) => d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
const btn = "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100";

export default async function RegistrationPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("annex6.read");
  const sp = await searchParams;
  const t = now();
  const at = await yearAtHand(sp, { now: t });
  const { year } = at;
  const phase = await phaseStatus({ now: t, phase: AUTUMN_REGISTRATION_WINDOW, year });
  const readOnly = pastYearReadOnly(year, phase.calendar, AUTUMN_REGISTRATION_WINDOW, t);
  const open = phase.open;
  const board = await annex6Board(actor, year);
  const isSchool = actor.role === "VOCATIONAL_SCHOOL";
  const rows = isSchool && can(actor.role, "registration.edit") ? await registrationList(actor, year) : [];
  const own = isSchool ? board[0]?.submission : null;

  return (
    <div className="flex flex-col gap-6">
      <PageTitle actions={<YearSelector at={at} path="/registration" />}>
        {year}年秋季中职学籍注册与附件6
      </PageTitle>
      {readOnly ? <ReadOnlyNote text={readOnlyText(year, "秋季中职学籍注册期")} /> : null}
      <p className={`rounded border px-3 py-2 text-sm ${open ? "border-green-300 bg-green-50 text-green-900" : "border-slate-300 bg-slate-50"}`}>
        {phase.range ? `秋季中职学籍注册期为 ${formatChineseRange(phase.range)}，${open ? "当前在注册期内" : "当前不在注册期"}。` : phase.message}
        继续在职业学校就读中职的学生只能在秋季学期注册中职学籍；各职业学校中职招生要优先录取本校义务教育职教班学生。
      </p>

      {isSchool ? (
        <section aria-labelledby="reg-h" className="flex flex-col gap-3">
          <h2 id="reg-h" className="text-lg font-semibold">本校职教班学生（优先录取）</h2>
          <RegistrationTable rows={rows} action={decideRegistrationAction} open={open} />
        </section>
      ) : null}

      <section aria-labelledby="annex6-h" className="flex flex-col gap-3">
        <h2 id="annex6-h" className="text-lg font-semibold">附件6 楚雄州义务教育职教班注册中职学籍学生名单</h2>
        {isSchool ? (
          <div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
            <p className="text-sm">
              {own ? `已报送第 ${own.version} 版（${own.rowCount} 人，其中流失 ${own.leftCount} 人、有有效证明 ${own.withProof} 人），${dt(own.submittedAt)}；${own.receivedAt ? `州教育体育局已于 ${dt(own.receivedAt)} 接收` : "州教育体育局尚未接收"}。` : "尚未报送。全部在读学生办理秋季注册后报送州教育体育局。"}
            </p>
            {/* 附件6 is always submitted for the current programme year (submitAnnex6). */}
            {year === at.current ? (
              <InlineAction action={submitAnnex6Action} hidden={{}} label={own ? "重新报送附件6" : "报送附件6"}>
                {own ? <label className="flex flex-col text-sm">重新报送的原因<input name="reason" className="rounded border border-slate-300 px-2 py-1.5" /></label> : null}
              </InlineAction>
            ) : null}
            <div className="flex flex-wrap gap-2">
              <a className={btn} href={`/api/exports/annex6?year=${year}&source=live`}>导出附件6（当前数据）</a>
              {own ? <a className={btn} href={`/api/exports/annex6?year=${year}&source=submitted`}>导出已报送的附件6</a> : null}
            </div>
          </div>
        ) : (
          <>
            <Table caption="各职业学校附件6报送情况" head={["职业学校", "报送", actor.role === "COUNTY" ? "本县市学生" : "学生", "流失（有证明）", "注册中职学籍", "接收", "导出"]}>
              {board.map((b) => (
                <tr key={b.schoolId}>
                  <Td>{b.schoolName}</Td>
                  <Td>{b.submission ? `第 ${b.submission.version} 版，${dt(b.submission.submittedAt)}` : <span className="text-slate-500">未报送</span>}</Td>
                  <Td className="tabular-nums">{b.submission?.rowCount ?? "—"}</Td>
                  <Td className="tabular-nums">{b.submission ? `${b.submission.leftCount}（${b.submission.withProof}）` : "—"}</Td>
                  <Td className="tabular-nums">{b.submission?.registered ?? "—"}</Td>
                  <Td>
                    {!b.submission ? "—" : b.submission.receivedAt ? `已接收 ${dt(b.submission.receivedAt)}`
                      : can(actor.role, "annex6.receive") && !readOnly ? <InlineAction action={receiveAnnex6Action} hidden={{ submissionId: b.submission.id }} label={`接收${b.schoolName}附件6`} /> : "州局未接收"}
                  </Td>
                  <Td>{b.submission && b.submission.rowCount > 0 ? <a className="text-blue-700 underline" href={`/api/exports/annex6?year=${year}&school=${b.schoolId}`}>导出</a> : "—"}</Td>
                </tr>
              ))}
            </Table>
            <div><a className={btn} href={`/api/exports/annex6?year=${year}`}>{actor.role === "COUNTY" ? "导出本县市学生的附件6" : "导出全州附件6（每校一个工作表）"}</a></div>
          </>
        )}
      </section>
    </div>
  );
}
