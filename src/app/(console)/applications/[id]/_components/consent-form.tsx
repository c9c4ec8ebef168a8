"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button, FormMessage } from "@/components/ui/form";
import { TakePhoto } from "@/components/ui/take-photo";
import type { ActionState } from "@/lib/form";
import { MAX_UPLOAD_BYTES, UPLOAD_ACCEPT, UPLOAD_KINDS_LABEL } from "@/lib/schemas/application-workflow";

type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;

/** 签字确认: the two signatures on the paper form and its scan or photo. */
export function ConsentForm({
  action, id, studentSigned, guardianSigned, hasScan,
}: { action: Action; id: string; studentSigned: boolean; guardianSigned: boolean; hasScan: boolean }) {
  const { state, onSubmit, pending } = useFormAction(action);
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [fileError, setFileError] = useState("");
  useEffect(() => {
    if (state?.ok) {
      const input = formRef.current?.querySelector<HTMLInputElement>('input[type="file"]');
      if (input) input.value = "";
      router.refresh();
    }
  }, [state, router]);
  const error = fileError || state?.fieldErrors?.file;
  return (
    <form ref={formRef} onSubmit={(e) => (fileError ? e.preventDefault() : onSubmit(e))} className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="id" value={id} />
      <label className="flex items-center gap-2">
        <input type="checkbox" name="studentSigned" defaultChecked={studentSigned} className="h-4 w-4" />
        学生本人已在纸质申请表上签字（按手印）
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="guardianSigned" defaultChecked={guardianSigned} className="h-4 w-4" />
        法定监护人已在纸质申请表上签字（按手印）
      </label>
      <div className="flex flex-col gap-1">
        <label htmlFor="consent-file" className="text-sm font-medium text-slate-700">
          {hasScan ? "重新上传签字后申请表的扫描件或照片（不重新上传则保留原文件）" : "签字后申请表的扫描件或照片"}
        </label>
        <input
          id="consent-file"
          name="file"
          type="file"
          accept={UPLOAD_ACCEPT}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "consent-file-error" : "consent-file-hint"}
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            setFileError(f && f.size > MAX_UPLOAD_BYTES ? `文件有 ${(f.size / 1024 / 1024).toFixed(1)} MB，超过 10 MB，请调低扫描分辨率或用手机拍照后再上传` : "");
          }}
          className="text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5"
        />
        <TakePhoto target="consent-file" />
        {error ? (
          <p id="consent-file-error" className="text-sm text-red-700" aria-live="polite">{error}</p>
        ) : (
          <p id="consent-file-hint" className="text-xs text-slate-500">{UPLOAD_KINDS_LABEL}，不超过 10 MB。系统按文件内容判断类型。</p>
        )}
      </div>
      <FormMessage state={state} />
      <div><Button type="submit" disabled={pending}>{pending ? "正在保存…" : "保存签字情况"}</Button></div>
    </form>
  );
}
