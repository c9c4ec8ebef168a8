"use client";
import { useEffect, useState } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { useRouter } from "next/navigation";
import { createUserAction } from "@/actions/users/create-user";
import { Button, Field, FormMessage, Select, TextInput } from "@/components/ui/form";

const ROLE_LABELS: Record<string, string> = {
  PREFECTURE: "州教育体育局", COUNTY: "县市教育体育局", MIDDLE_SCHOOL: "初级中学", VOCATIONAL_SCHOOL: "职业学校",
};

export function NewUserForm({ orgs }: { orgs: Record<string, { value: string; label: string }[]> }) {
  const roles = Object.keys(orgs);
  const [role, setRole] = useState(roles.length === 1 ? roles[0] : "");
  const { state, onSubmit, pending } = useFormAction(createUserAction);
  const router = useRouter();
  useEffect(() => { if (state?.ok) router.push("/users"); }, [state, router]);
  const e = state?.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit} className="flex max-w-xl flex-col gap-4" noValidate>
      <Field label="账号类型" name="role" error={e.role}>
        <Select name="role" value={role} onChange={(ev) => setRole(ev.target.value)} error={e.role}>
          <option value="">请选择</option>
          {roles.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
        </Select>
      </Field>
      <Field label="所属单位" name="orgId" error={e.orgId}>
        <Select name="orgId" error={e.orgId} key={role}>
          <option value="">{role ? "请选择" : "请先选择账号类型"}</option>
          {(orgs[role] ?? []).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </Select>
      </Field>
      <Field label="用户名（登录用）" name="username" error={e.username} hint="3–32 位小写字母、数字、下划线、点或连字符">
        <TextInput name="username" autoComplete="off" error={e.username} />
      </Field>
      <Field label="姓名" name="displayName" error={e.displayName}><TextInput name="displayName" error={e.displayName} /></Field>
      <Field label="联系电话（可不填）" name="phone" error={e.phone}><TextInput name="phone" type="tel" inputMode="tel" error={e.phone} /></Field>
      <Field label="初始密码" name="password" error={e.password}><TextInput name="password" type="password" autoComplete="new-password" error={e.password} /></Field>
      <FormMessage state={state} />
      <div><Button type="submit" disabled={pending}>{pending ? "正在保存…" : "开设账号"}</Button></div>
    </form>
  );
}
