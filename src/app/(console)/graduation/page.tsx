import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { can } from "@/server/auth/permissions";
import { now } from "@/server/clock";
import { programmeYear } from "@/server/calendar/calendar";
import { completionCandidates, graduationBoard, graduationYears } from "@/server/graduation/read";
import { chinaDateOf, formatChineseDate } from "@/lib/china-date";
import { MISSING_KINDS, MISSING_LABELS, type MissingKind } from "@/lib/graduation";
import { PageTitle, Table, Td } from "@/components/ui/table";
import { completeProgrammeAction } from "@/actions/graduation/complete-programme";
import { CompleteForm } from "./forms";

type Search = Promise<Record<string, string | string[] | undefined>>;
const btn = "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 aria-[current=page]:bg-slate-800 aria-[current=page]:text-white";
const str = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

/** 毕业与证书 (policy 五（四）): per school who completed, the files sent back and who still lacks a certificate. */
export default async function GraduationPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("graduation.read");
  const sp = await searchParams;
  const { years, defaultYear } = await graduationYears(actor, programmeYear(now()));
  const asked = Number(str(sp.year));
  const year = years.includes(asked) ? asked : defaultYear;
  const missing = (MISSING_KINDS as readonly string[]).includes(str(sp.missing)) ? (str(sp.missing) as MissingKind) : undefined;
  const schoolId = str(sp.school) || undefined;
  const board = await graduationBoard(actor, year, { schoolId, missing });
  const isVoc = actor.role === "VOCATIONAL_SCHOOL" && can(actor.role, "graduation.vocational");
  const candidates = isVoc ? await completionCandidates(actor, year) : [];
  const href = (q: { school?: string; missing?: string }) => `/graduation?${new URLSearchParams({ year: String(year), ...(q.school ? { school: q.school } : {}), ...(q.missing ? { missing: q.missing } : {}) })}`;
  const schoolName = board.schools.find((s) => s.schoolId === schoolId)?.schoolName;

  return (
    <div className="flex flex-col gap-6">
      <PageTitle actions={<nav aria-label="年度" className="flex gap-2 text-sm">{years.map((y) => <Link key={y} className={btn} aria-current={y === year ? "page" : undefined} href={`/graduation?year=${y}`}>{y}年</Link>)}</nav>}>
        {year}年毕业与证书
      </PageTitle>
      <p className="rounded border border-slate-300 bg-slate-50 px-3 py-2 text-sm">
        职教班学生在职业学校完成义务教育后，职业学校把义务教育课程成绩等档案材料送回原初中，原初中登记接收并按规定发放义务教育证书，职业学校发放职业技能等级证书。
        完成义务教育的学生不再计入在读人数，历史记录全部保留。离校学生没有完成义务教育，不登记证书。
      </p>

      {isVoc ? (
        <section aria-labelledby="complete-h" className="flex flex-col gap-3">
          <h2 id="complete-h" className="text-lg font-semibold">登记完成义务教育（本校在读 {candidates.length} 人）</h2>
          <p className="text-sm text-slate-600">确认期之后、学生初中毕业时登记；日期不能晚于今天。秋季注册时仍未登记的学生，办理注册即视为完成义务教育。</p>
          {candidates.length ? <CompleteForm action={completeProgrammeAction} rows={candidates} today={chinaDateOf(now())} /> : <p className="text-sm text-slate-500">本年度没有仍在读的学生。</p>}
        </section>
      ) : null}

      <Table caption="各职业学校完成义务教育学生的证书情况" head={["职业学校", "完成义务教育", "缺义务教育证书", "缺职业技能等级证书", "缺任一证书", "档案未送回或未接收", "名单"]}>
        {board.schools.map((s) => (
          <tr key={s.schoolId} data-testid="school-row">
            <Td>{s.schoolName}</Td>
            <Td className="tabular-nums">{s.graduates}</Td>
            <Td className="tabular-nums">{s.missingCompulsory}</Td>
            <Td className="tabular-nums">{s.missingSkill}</Td>
            <Td className="tabular-nums">{s.missingAny}</Td>
            <Td className="tabular-nums">{s.filesPending}</Td>
            <Td><Link className="text-blue-700 underline" href={href({ school: s.schoolId, missing: "ANY" })}>{s.schoolName}缺证书名单</Link></Td>
          </tr>
        ))}
        {board.schools.length === 0 ? <tr><Td className="text-slate-500">{year}年没有完成义务教育的学生。</Td></tr> : null}
      </Table>

      <section aria-labelledby="list-h" className="flex flex-col gap-3">
        <h2 id="list-h" className="text-lg font-semibold">{schoolName ?? "全部职业学校"}：{missing ? MISSING_LABELS[missing] : "完成义务教育的学生"}（{board.rows.length} 人）</h2>
        <nav aria-label="筛选" className="flex flex-wrap gap-2 text-sm">
          <Link className={btn} aria-current={!missing ? "page" : undefined} href={href({ school: schoolId })}>全部</Link>
          {MISSING_KINDS.map((k) => <Link key={k} className={btn} aria-current={missing === k ? "page" : undefined} href={href({ school: schoolId, missing: k })}>{MISSING_LABELS[k]}</Link>)}
          {schoolId ? <Link className={btn} href={href({ missing })}>全部职业学校</Link> : null}
        </nav>
        <Table caption="完成义务教育的学生" head={["姓名", "原初中", "职业学校、班级", "完成日期", "升学去向", "成绩和档案", "义务教育证书", "职业技能等级证书", "尚缺"]}>
          {board.rows.map((g) => (
            <tr key={g.id}>
              <Td className="whitespace-nowrap"><Link className="text-blue-700 underline" href={`/students/${g.id}`}>{g.studentName}</Link></Td>
              <Td>{g.countyName} {g.middleSchoolName}</Td>
              <Td>{g.vocationalSchoolName} {g.className}</Td>
              <Td>{g.graduatedOn ? formatChineseDate(g.graduatedOn) : "—"}</Td>
              <Td>{g.path ?? <span className="text-slate-500">未登记</span>}</Td>
              <Td className="text-sm">{g.grades ? `${g.grades.sentOn} 送回；${g.grades.receivedOn ? `${g.grades.receivedOn} 原初中接收` : "原初中未接收"}` : <span className="text-slate-500">未送回</span>}</Td>
              <Td className="text-sm">{g.compulsory ? `${g.compulsory.number}（${g.compulsory.issuedOn}）` : <span className="text-red-700">缺</span>}</Td>
              <Td className="text-sm">{g.skills.length ? g.skills.map((s) => `${s.name} ${s.level}（${s.number}）`).join("；") : <span className="text-red-700">缺</span>}</Td>
              <Td className="text-sm">{g.gaps.length ? g.gaps.join("、") : "齐全"}</Td>
            </tr>
          ))}
          {board.rows.length === 0 ? <tr><Td className="text-slate-500">没有符合条件的学生。</Td></tr> : null}
        </Table>
      </section>
    </div>
  );
}
