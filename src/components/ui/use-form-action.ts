"use client";
import { startTransition, useActionState, type FormEvent } from "react";
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
