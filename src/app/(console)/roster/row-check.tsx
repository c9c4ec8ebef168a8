"use client";
import { useState } from "react";
import { checkRosterRowAction } from "@/actions/roster/check-roster-row";
import { InlineAction } from "@/components/ui/inline-action";

export function RowCheck({ submissionId, enrolmentId, studentName }: { submissionId: string; enrolmentId: string; studentName: string }) {
  const [objecting, setObjecting] = useState(false);
  if (!objecting) {
    return (
      <div className="flex gap-2">
        <InlineAction action={checkRosterRowAction} hidden={{ submissionId, enrolmentId, status: "CONFIRMED" }} label="确认" variant="secondary" />
        <button type="button" className="text-sm text-red-700 underline" onClick={() => setObjecting(true)} aria-label={`对${studentName}提出异议`}>提出异议</button>
      </div>
    );
  }
  return (
    <InlineAction action={checkRosterRowAction} hidden={{ submissionId, enrolmentId, status: "DISCREPANCY" }} label="提交异议" variant="danger">
      <label className="flex flex-col text-sm">异议内容（{studentName}）
        <input name="comment" autoFocus className="rounded border border-slate-300 px-2 py-1" placeholder="例如：该生已回原校" />
      </label>
    </InlineAction>
  );
}
