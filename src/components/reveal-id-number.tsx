"use client";
import { startTransition, useActionState } from "react";
import { revealIdNumberAction } from "@/actions/applications/reveal-id-number";
import type { RevealPage } from "@/lib/schemas/reveal";

/**
 * The ID number masked, with a "显示完整身份证号" button: the full number is fetched (and the reveal
 * audited) only when clicked, never with the page. Used by the student page and the application page.
 */
export function RevealIdNumber({ applicationId, masked, page }: { applicationId: string; masked: string; page: RevealPage }) {
  const [state, dispatch, pending] = useActionState(revealIdNumberAction, null);
  const shown = state?.ok ? (state.data as { idNumber: string; birthDate: string } | undefined) : undefined;
  if (shown) {
    return (
      <span>
        <span className="font-mono" data-testid="id-number-full">{shown.idNumber}</span>
        <span className="ml-1 text-xs text-slate-500">（出生日期 {shown.birthDate}；本次查看已记入操作日志）</span>
      </span>
    );
  }
  return (
    <span className="flex flex-wrap items-center gap-2">
      <span className="font-mono" data-testid="id-number-masked">{masked}</span>
      <button
        type="button"
        disabled={pending}
        className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-blue-800 hover:bg-slate-100 disabled:opacity-50"
        onClick={() => startTransition(() => dispatch({ applicationId, page }))}
      >
        {pending ? "正在显示…" : "显示完整身份证号"}
      </button>
      {state && !state.ok ? <span role="alert" className="text-xs text-red-700">{state.message}</span> : null}
    </span>
  );
}
