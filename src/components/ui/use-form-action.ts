"use client";
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import type { ActionState } from "@/lib/form";

/**
 * useActionState without React 19's automatic form reset: a refused submission keeps
 * everything the user typed (nothing is lost on bad input).
 */
export function useFormAction<R = unknown>(action: (prev: ActionState<R>, fd: FormData) => Promise<ActionState<R>>) {
  const [state, dispatch, pending] = useActionState(action, null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // Include the clicked submit button (name/value), as a native form submission would.
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const fd = new FormData(e.currentTarget, submitter ?? undefined);
    startTransition(() => dispatch(fd));
  };
  return { state, onSubmit, pending };
}

/**
 * After a successful submission: empties the form (a second click must not record the same thing twice;
 * `keepValues` keeps a setting's current value instead) and refreshes the server-rendered page around it. Returns the ref to put on the <form>.
 */
export function useResetOnSuccess(state: ActionState<unknown> | null, { keepValues = false }: { keepValues?: boolean } = {}) {
  const form = useRef<HTMLFormElement>(null);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) {
      if (!keepValues) form.current?.reset();
      router.refresh();
    }
  }, [state, router, keepValues]);
  return form;
}
