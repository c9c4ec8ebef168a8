import Link from "next/link";
import { formatChineseDate } from "@/lib/china-date";
import type { FilingKind, FilingStatus } from "@/lib/schemas/filings";
import { Table, Td } from "@/components/ui/table";
import { StatusPill } from "./badges";

type Version = { id: string; version: number; status: string; submittedOn: string | null; reviewComment: string | null };

/** Every version of a filing, newest first: returned ones stay as they were. */
export function VersionList({ kind, versions }: { kind: FilingKind; versions: Version[] }) {
  if (versions.length === 0) return null;
  return (
    <section aria-labelledby="versions-h" className="flex flex-col gap-2">
      <h2 id="versions-h" className="font-semibold">历次版本</h2>
      <Table caption="历次版本" head={["版本", "状态", "提交日期", "审核意见", ""]}>
        {versions.map((v) => (
          <tr key={v.id}>
            <Td>第 {v.version} 版</Td>
            <Td><StatusPill kind={kind} status={v.status as FilingStatus} /></Td>
            <Td>{v.submittedOn ? formatChineseDate(v.submittedOn) : "未提交"}</Td>
            <Td>{v.reviewComment ?? ""}</Td>
            <Td><Link className="text-blue-800 underline" href={`/filings/v/${v.id}`}>查看</Link></Td>
          </tr>
        ))}
      </Table>
    </section>
  );
}
