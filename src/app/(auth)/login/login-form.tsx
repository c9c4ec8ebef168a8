"use client";
import { useFormAction } from "@/components/ui/use-form-action";
import { signInAction } from "./actions";
import { Button, Field, FormMessage, TextInput } from "@/components/ui/form";

export function LoginForm() {
  const { state, onSubmit, pending } = useFormAction(signInAction);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <Field label="用户名" name="username" error={state?.fieldErrors.username}>
        <TextInput name="username" autoComplete="username" required autoFocus error={state?.fieldErrors.username} />
      </Field>
      <Field label="密码" name="password" error={state?.fieldErrors.password}>
        <TextInput name="password" type="password" autoComplete="current-password" required error={state?.fieldErrors.password} />
      </Field>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>{pending ? "正在登录…" : "登录"}</Button>
    </form>
  );
}
