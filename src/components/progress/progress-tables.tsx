import { Table, Td } from "@/components/ui/table";

const pct = (n: number, d: number) => (d > 0 ? `${Math.round((n / d) * 1000) / 10}%` : "—");

function Bar({ value, max, label }: { value: number; max: number; label: string }) {
  const w = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <div className="flex items-center gap-2">
      <div className="h-2 w-24 rounded bg-slate-200" role="img" aria-label={label}>
        <div className={`h-2 rounded ${value > max ? "bg-red-600" : "bg-blue-600"}`} style={{ width: `${w}%` }} />
      </div>
      <span className="tabular-nums">{value}/{max}</span>
    </div>
  );
}

type Row = { id: string; name: string; cap: number; shanghaiTask: number; sent: number; arrived: number; shanghai: number };

export function CountyProgress({ rows }: { rows: Row[] }) {
  if (!rows.length) return null;
  return (
    <Table layout="scroll" caption="各县市送读进度" head={["县市", "送读计划 S", "已送读", "剩余名额", "已报到", "东西协作（※）进度"]}>
      {rows.map((r) => (
        <tr key={r.id}>
          <Td>{r.name}</Td><Td className="tabular-nums">{r.cap}</Td>
          <Td><Bar value={r.sent} max={r.cap} label={`${r.name}已送读 ${r.sent} 人，计划 ${r.cap} 人`} /></Td>
          <Td className="tabular-nums">{Math.max(0, r.cap - r.sent)}</Td>
          <Td className="tabular-nums">{r.arrived}</Td>
          <Td className="tabular-nums">{r.shanghai} / {r.shanghaiTask}※（{pct(r.shanghai, r.shanghaiTask)}）</Td>
        </tr>
      ))}
    </Table>
  );
}

export function VocationalProgress({ rows }: { rows: Row[] }) {
  if (!rows.length) return null;
  return (
    <Table layout="scroll" caption="各职业学校招生进度" head={["职业学校", "招生计划 E", "已招收", "剩余名额", "已报到", "东西协作（※）进度"]}>
      {rows.map((r) => (
        <tr key={r.id}>
          <Td>{r.name}</Td><Td className="tabular-nums">{r.cap}</Td>
          <Td><Bar value={r.sent} max={r.cap} label={`${r.name}已招收 ${r.sent} 人，计划 ${r.cap} 人`} /></Td>
          <Td className="tabular-nums">{Math.max(0, r.cap - r.sent)}</Td>
          <Td className="tabular-nums">{r.arrived}</Td>
          <Td className="tabular-nums">{r.shanghaiTask > 0 ? `${r.shanghai} / ${r.shanghaiTask}※（${pct(r.shanghai, r.shanghaiTask)}）` : `${r.shanghai}`}</Td>
        </tr>
      ))}
    </Table>
  );
}

export function SchoolProgress({ rows }: { rows: { id: string; name: string; prefectureOwned: boolean; allocation: number; sent: number; arrived: number }[] }) {
  if (!rows.length) return null;
  return (
    <Table layout="scroll" caption="各初中学校送读进度" head={["初中学校", "分配名额", "已送读", "剩余名额", "已报到"]}>
      {rows.map((r) => (
        <tr key={r.id}>
          <Td>{r.name}{r.prefectureOwned ? "（州属）" : ""}</Td><Td className="tabular-nums">{r.allocation}</Td>
          <Td><Bar value={r.sent} max={r.allocation} label={`${r.name}已送读 ${r.sent} 人，分配 ${r.allocation} 人`} /></Td>
          <Td className="tabular-nums">{Math.max(0, r.allocation - r.sent)}</Td>
          <Td className="tabular-nums">{r.arrived}</Td>
        </tr>
      ))}
    </Table>
  );
}
