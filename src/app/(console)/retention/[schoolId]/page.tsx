import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/server/auth/page";
import { can } from "@/server/auth/permissions";
import { retentionDetail } from "@/server/retention/read";
import { creditFormula, percent, retentionFormula } from "@/lib/retention";
import { PageTitle, Table, Td } from "@/components/ui/table";
import { signAssessmentAction } from "@/actions/retention/sign-assessment";
import { recordExplanationAction } from "@/actions/retention/record-explanation";
import { ExplanationForm, SignForm } from "../forms";
import { parseYearParam } from "@/lib/year";
import { programmeYear } from "@/server/calendar/calendar";
import { now } from "@/server/clock";

type Props = { params: Promise<{ schoolId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const dt = (d: Date) => d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
const card = "flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4";

export default async function RetentionSchoolPage({ params, searchParams }: Props) {
  const actor = await pageActor("retention.read");
  const { schoolId } = await params;
  const year = parseYearParam((await searchParams).year) ?? programmeYear(now());
  const d = await retentionDetail(actor, schoolId, year);
  if (!d) notFound();
  const f = d.figure.ok ? d.figure.f : null;
  const ownSchool = actor.role === "VOCATIONAL_SCHOOL" && actor.vocationalSchoolId === d.school.id;
  return (
    <div className="flex flex-col gap-6">
      <PageTitle actions={<Link className="text-sm text-blue-700 underline" href={`/retention?year=${year}`}>返回巩固率列表</Link>}>
        {d.school.name} {year}年巩固考核
      </PageTitle>
      {!f ? <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2">{d.figure.ok ? "" : d.figure.message}</p> : (
        <>
          <section aria-labelledby="rate-h" className={card}>
            <h2 id="rate-h" className="text-lg font-semibold">巩固率：<span data-testid="rate">{percent(f.retention.rate)}</span>
              <span className="ml-2 text-sm font-normal text-slate-600">{f.final ? "最终数（秋季注册已完成）" : "实时数：按今天办理秋季注册计算"}</span>
            </h2>
            <p className="text-sm" data-testid="formula">{retentionFormula(f.retention)}</p>
            <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
              <div><dt className="text-slate-500">确认名单（附件4 第 {f.rosterVersion} 版）</dt><dd data-testid="confirmed" className="text-lg tabular-nums">{f.retention.confirmed}</dd></div>
              <div><dt className="text-slate-500">有证明的离校（不计入）</dt><dd data-testid="exempt" className="text-lg tabular-nums">{f.retention.exemptLeavers}</dd></div>
              <div><dt className="text-slate-500">流失（计入）</dt><dd data-testid="lost" className="text-lg tabular-nums">{f.retention.lostLeavers}</dd></div>
              <div><dt className="text-slate-500">仍在读</dt><dd data-testid="kept" className="text-lg tabular-nums">{f.retention.numerator}</dd></div>
            </dl>
            {f.retention.meetsTarget === false ? <p className="font-semibold text-red-700">未达 95%，须说明原因</p> : null}
          </section>
          <h2 className="-mb-4 text-base font-semibold">不计入考核的离校学生（有有效证明）</h2>
          <Table caption="不计入考核的离校学生（有有效证明）" head={["学生", "所属县市", "离校类型", "离校日期"]}>
            {f.exempt.length ? f.exempt.map((l) => <tr key={l.enrolmentId}><Td><Link className="text-blue-700 underline" href={`/students/${l.enrolmentId}`}>{l.studentName}</Link></Td><Td>{l.countyName}</Td><Td>{l.typeLabel}</Td><Td>{l.occurredOn}</Td></tr>)
              : <tr><Td className="text-slate-500">无</Td><Td>{""}</Td><Td>{""}</Td><Td>{""}</Td></tr>}
          </Table>
          <h2 className="-mb-4 text-base font-semibold">计入流失的离校学生</h2>
          <Table caption="计入流失的离校学生" head={["学生", "所属县市", "离校类型", "离校日期"]}>
            {f.lost.length ? f.lost.map((l) => <tr key={l.enrolmentId}><Td><Link className="text-blue-700 underline" href={`/students/${l.enrolmentId}`}>{l.studentName}</Link></Td><Td>{l.countyName}</Td><Td>{l.typeLabel}</Td><Td>{l.occurredOn}</Td></tr>)
              : <tr><Td className="text-slate-500">无</Td><Td>{""}</Td><Td>{""}</Td><Td>{""}</Td></tr>}
          </Table>
          {f.prefectureLevel ? <h2 className="-mb-4 text-base font-semibold">计入生源地县市中职招生完成数（按巩固率 95%，超出 95% 的按实际比例；四舍五入取整，括号内为精确值）</h2> : null}
          {f.prefectureLevel ? (
            <Table caption="计入生源地县市中职招生完成数（按巩固率 95%，超出 95% 的按实际比例；四舍五入取整，括号内为精确值）" head={["生源地县市", "确认学生", "计入比例", "计入人数", "计算"]}>
              {f.counties.filter((c) => actor.role !== "COUNTY" || c.countyId === actor.countyId).map((c) => (
                <tr key={c.countyId} data-testid="credit-row">
                  <Td>{c.countyName}</Td>
                  <Td className="tabular-nums">{c.students}</Td>
                  <Td>{c.basis === "ACTUAL" ? `实际 ${percent(c.factorNum / c.factorDen)}` : "95%"}</Td>
                  <Td className="tabular-nums font-semibold">{c.credited}（{Number(c.exact.toFixed(4))}）</Td>
                  <Td className="text-sm">{creditFormula(c)}</Td>
                </tr>
              ))}
            </Table>
          ) : null}
        </>
      )}

      <section aria-labelledby="exp-h" className={card}>
        <h2 id="exp-h" className="text-lg font-semibold">原因说明</h2>
        {d.explanations.length ? d.explanations.map((e) => (
          <div key={e.id} className="border-l-4 border-amber-400 pl-3 text-sm"><p className="whitespace-pre-wrap">{e.text}</p>{e.document ? <p>附件：<a className="text-blue-700 underline" href={`/api/documents/${e.document.id}`} target="_blank" rel="noreferrer">{e.document.fileName}</a></p> : null}<p className="text-slate-500">{e.by}，{dt(e.createdAt)}</p></div>
        )) : <p className="text-sm text-slate-500">{f?.retention.meetsTarget === false ? "学校尚未说明原因。" : "巩固率已达 95% 或无法计算，无需说明。"}</p>}
        {ownSchool && can(actor.role, "retention.explain") && f?.retention.meetsTarget === false ? <ExplanationForm action={recordExplanationAction} year={year} /> : null}
      </section>

      <section aria-labelledby="assess-h" className={card}>
        <h2 id="assess-h" className="text-lg font-semibold">考核结果</h2>
        {d.assessments.length ? (
          <ol className="flex flex-col gap-2 text-sm">
            {d.assessments.map((a) => (
              <li key={a.id} className={a.supersededAt ? "text-slate-500 line-through" : ""}>
                第 {a.version} 版：<strong>{a.result === "PASS" ? "达标" : "未达标"}</strong>（签署时巩固率 {percent((a.figures as { retention: { rate: number | null } }).retention.rate)}），{a.by} 于 {dt(a.signedAt)} 签署{a.supersededAt ? "，已被新版本更正" : ""}。
                {a.method ? <span className="block">考核办法：{a.method}</span> : null}
                <span className="block">考核意见：{a.comment}</span>
                {a.reason ? <span className="block">更正原因：{a.reason}</span> : null}
              </li>
            ))}
          </ol>
        ) : <p className="text-sm text-slate-500">尚未考核。{d.school.countyId ? "县市职中由所属县市教育体育局考核。" : "州属职业学校由州教育体育局考核。"}</p>}
        {d.mayAssess && f ? (f.final
          ? <SignForm action={signAssessmentAction} schoolId={d.school.id} year={year} county={actor.role === "COUNTY"} nextVersion={(d.assessments[0]?.version ?? 0) + 1} />
          : <p className="text-sm text-slate-600">秋季注册完成、巩固率成为最终数后才能签署考核。</p>) : null}
      </section>
    </div>
  );
}
