"use client";
import { useRef } from "react";

/**
 * 拍照: on a phone, a button that opens the rear camera straight away and puts the photo into the file
 * input `target` (decision 082). The camera input itself has no name, so only `target` is submitted, and
 * `target` keeps its own accept list: a PDF scan can still be chosen there. `capture` is not put on `target`
 * because on Android it opens the camera only and would block choosing a PDF or a photo taken earlier.
 * With `multiple` on the target the photo is added to the files already chosen.
 */
export function TakePhoto({ target, disabled }: { target: string; disabled?: boolean }) {
  const camera = useRef<HTMLInputElement>(null);
  return (
    <span className="sm:hidden">
      <input
        ref={camera} type="file" accept="image/jpeg,image/png" capture="environment" tabIndex={-1} aria-hidden="true"
        className="sr-only" data-camera-for={target}
        onChange={(e) => {
          const input = document.getElementById(target) as HTMLInputElement | null;
          const photo = e.currentTarget.files?.[0];
          if (!input || !photo) return;
          const files = new DataTransfer();
          if (input.multiple) for (const f of Array.from(input.files ?? [])) files.items.add(f);
          files.items.add(photo);
          input.files = files.files;
          input.dispatchEvent(new Event("change", { bubbles: true }));
          e.currentTarget.value = "";
        }}
      />
      <button type="button" disabled={disabled} onClick={() => camera.current?.click()}
        className="mt-1 rounded border border-slate-300 bg-white px-3 py-1.5 text-sm disabled:opacity-50">
        拍照上传
      </button>
    </span>
  );
}
