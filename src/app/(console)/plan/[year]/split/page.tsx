import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/server/auth/page";
import { AppError } from "@/server/errors";
import { getSplit } from "@/server/plan/read";
import { PageTitle, Table, Td } from "@/components/ui/table";
import { formatChinaDateTime } from "../../_components/format";
import { yearParam } from "../year-param";
import { SplitForm } from "./split-form";

type Search = Promise<Record<string, string | string[] | undefined>>;

/** 落实到校: the county bureau splits its S (the prefecture reads any county's split). */
export default async function SplitPage({ params, searchParams }: { params: Promise<{ year: string }>; searchParams: Search }) {
  const actor = await pageActor("plan.read");
  if (actor.role !== "COUNTY" && actor.role !== "PREFECTURE") notFound();
  const year = yearParam((await params).year);
  const county = (await searchParams).county;
  let split;
  try {
    split = await getSplit(actor, year, typeof county === "string" ? county : undefined);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    if (err instanceof AppError) {
      return (
        <div className="flex flex-col gap-4">
          <PageTitle>{year}年送读计划分解到学校</PageTitle>
          <p className="rounded border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">{err.message}</p>
        </div>
      );
    }
    throw err;
  }
  return (
    <div className="flex flex-col gap-4">
      <PageTitle actions={<Link className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100" href={`/plan/${year}`}>返回{year}年计划</Link>}>
        {split.countyName}{year}年送读计划分解到学校
      </PageTitle>
      <p className="text-sm text-slate-600">
        依据{year}年计划第 {split.version} 版（{formatChinaDateTime(split.issuedAt)}下达）：{split.countyName}送读计划 {split.sendOffCap} 人，其中※东西协作送读上海任务 {split.shanghaiTask} 人。
        各校分配名额之和不得超过送读计划；{split.schools.some((s) => s.prefectureOwned) ? `州属高完中由${split.countyName}教育体育局组织送读，一并在此分配；` : ""}各校送读人数不得超过分配名额。
      </p>
      {split.canEdit ? (
        <SplitForm year={year} countyName={split.countyName} cap={split.sendOffCap} schools={split.schools} />
      ) : (
        <>
          <p className="text-slate-800">送读计划 {split.sendOffCap} 人 · 已分配 {split.allocated} 人 · 未分配 {split.unallocated} 人</p>
          <Table layout="scroll" caption="各初中学校分配名额" head={["初中学校", "分配名额", "已送读"]}>
            {split.schools.map((s) => (
              <tr key={s.id}><Td>{s.name}{s.prefectureOwned ? "（州属高完中）" : ""}</Td><Td>{s.allocation}</Td><Td>{s.sentOff}</Td></tr>
            ))}
          </Table>
        </>
      )}
    </div>
  );
}
