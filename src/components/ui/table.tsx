import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode, type TdHTMLAttributes } from "react";
import { scrollRegion } from "./scroll-region";

/**
 * How a cell shows in card mode (below 640 px, decision 082):
 * - title: the card's heading (no label, bold; the first plain column unless another is marked);
 * - select: the row's selection checkbox, beside the title; its heading (a 全选 checkbox) stays visible;
 * - field: "label  value" (the default);
 * - actions: buttons/links at the card's foot, no label (default for a column headed "" or "操作");
 * - hide: not shown on a phone (only for columns repeated elsewhere in the card).
 */
export type CardRole = "title" | "select" | "field" | "actions" | "hide";
/** A column heading: plain text/node, or with its card role (and a text label when the heading is not text). */
export type Column = ReactNode | { label: ReactNode; text?: string; card?: CardRole };

type Col = { label: ReactNode; text: string; card: CardRole };

const isSpec = (c: Column): c is { label: ReactNode; text?: string; card?: CardRole } =>
  typeof c === "object" && c !== null && !isValidElement(c) && "label" in c;

function columns(head: Column[]): Col[] {
  const cols = head.map((c): Col => {
    const spec = isSpec(c) ? c : { label: c as ReactNode };
    const text = spec.text ?? (typeof spec.label === "string" || typeof spec.label === "number" ? String(spec.label) : "");
    const card = spec.card ?? (text === "" || text === "操作" ? "actions" : "field");
    return { label: spec.label, text, card };
  });
  if (!cols.some((c) => c.card === "title")) {
    const first = cols.find((c) => c.card === "field");
    if (first) first.card = "title";
  }
  return cols;
}

type CellProps = { children?: ReactNode; colSpan?: number; label?: string; card?: CardRole; "data-label"?: string };
const blank = (n: ReactNode) => n === undefined || n === null || n === false || n === "";

/**
 * Gives each cell of a `<tr>` its column's label and card role (as data-label / data-card for the CSS in
 * globals.css). A row with one cell, or whose cells after the first are all empty, is a message row
 * ("没有…") and shows as one line. Rows that are not a literal `<tr>` are left alone: their cells can
 * carry `label`/`card` themselves.
 */
function labelRow(row: ReactNode, cols: Col[]): ReactNode {
  if (!isValidElement<{ children?: ReactNode }>(row) || row.type !== "tr") return row;
  const cells = Children.toArray(row.props.children).filter(isValidElement) as ReactElement<CellProps>[];
  if (cells.length <= 1 || cells.slice(1).every((c) => blank(c.props.children))) {
    return cloneElement(row as ReactElement<Record<string, unknown>>, { "data-card": "message" });
  }
  let at = 0;
  const labelled = cells.map((cell) => {
    const col = cols[at];
    at += cell.props.colSpan ?? 1;
    if (!col || cell.props["data-label"] !== undefined || cell.props.label !== undefined) return cell;
    return cell.type === "td" || cell.type === "th"
      ? cloneElement(cell, { "data-label": col.text, "data-card": cell.props.card ?? col.card } as CellProps)
      : cloneElement(cell, { label: col.text, card: cell.props.card ?? col.card });
  });
  return cloneElement(row, {}, ...labelled);
}

/**
 * A list. At ≥ 640 px (Tailwind `sm`) a normal table; below it (layout "cards", the default) every row is
 * a card: the header row is hidden and each cell shows its column's label (decision 082). Wide official
 * tables (annexes, plans, progress figures) pass layout "scroll" and keep a horizontal scroll instead.
 * Cells and form inputs are rendered once; only CSS changes between the two layouts.
 */
export function Table({ caption, head, children, layout = "cards" }: {
  caption: string; head: Column[]; children: ReactNode; layout?: "cards" | "scroll";
}) {
  const cols = columns(head);
  return (
    <div {...scrollRegion(caption, "overflow-x-auto rounded-lg border border-slate-200 bg-white")}>
      <table className="min-w-full text-sm" data-layout={layout}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-left text-slate-700">
          <tr>{cols.map((c, i) => <th key={i} scope="col" data-card={c.card} className="px-3 py-2 font-medium whitespace-nowrap">{c.label}</th>)}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {layout === "cards" ? Children.map(children, (row) => labelRow(row, cols)) : children}
        </tbody>
      </table>
    </div>
  );
}

type TdProps = Omit<TdHTMLAttributes<HTMLTableCellElement>, "children"> & {
  children?: ReactNode;
  /** Card-mode label; set by Table from the column heading, or by hand for cells of rows Table cannot see. */
  label?: string;
  card?: CardRole;
};

export const Td = ({ children, className = "", label, card, ...rest }: TdProps) => (
  <td className={`px-3 py-2 align-top ${className}`} data-label={label} data-card={card} {...rest}>{children}</td>
);

export function PageTitle({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
      <h1 className="text-xl font-semibold">{children}</h1>
      {actions}
    </div>
  );
}

export function StatusBadge({ active }: { active: boolean }) {
  return active
    ? <span className="rounded bg-green-100 px-2 py-0.5 text-green-800">启用</span>
    : <span className="rounded bg-slate-200 px-2 py-0.5 text-slate-700">已停用</span>;
}
