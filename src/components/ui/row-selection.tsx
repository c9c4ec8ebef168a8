"use client";
import { useState } from "react";

/** Which rows of a list are chosen for a batch action (send-off, reception, registration). */
export function useRowSelection(ids: string[]) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const all = ids.length > 0 && ids.every((id) => selected.has(id));
  return {
    selected,
    all,
    toggle: (id: string) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; }),
    toggleAll: () => setSelected(all ? new Set() : new Set(ids)),
    clear: () => setSelected(new Set()),
  };
}
export type RowSelection = ReturnType<typeof useRowSelection>;

/** The 全选 checkbox for a Table's selection column heading ({ label: <SelectAllBox/>, text: "选择", card: "select" }). */
export const SelectAllBox = ({ selection }: { selection: RowSelection }) => (
  <input type="checkbox" aria-label="全选" checked={selection.all} onChange={selection.toggleAll} />
);

/** One row's checkbox; with `name` it is the form field itself (otherwise the form carries hidden inputs). */
export const SelectBox = ({ selection, id, label, name }: { selection: RowSelection; id: string; label: string; name?: string }) => (
  <input type="checkbox" name={name} value={name ? id : undefined} checked={selection.selected.has(id)} onChange={() => selection.toggle(id)} aria-label={label} />
);

/** The selection column's heading spec for Table. */
export const selectColumn = (selection: RowSelection) => ({ label: <SelectAllBox selection={selection} />, text: "选择", card: "select" as const });
