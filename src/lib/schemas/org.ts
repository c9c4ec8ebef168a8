import { z } from "zod";

const name = (label: string) =>
  z.string({ error: `请填写${label}` }).trim().min(2, `${label}至少 2 个字`).max(40, `${label}不超过 40 个字`);

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const idSchema = z.object({ id: z.string().min(1, "缺少记录编号，请刷新页面后重试") });

export const countyUpdateSchema = z.object({
  id: z.string().min(1),
  name: name("县市名称"),
  bureauName: name("教育体育局名称"),
});

export const vocationalSchoolSchema = z.object({
  id: z.string().optional(),
  name: name("学校简称"),
  fullName: name("学校全称"),
  countyId: z.string().optional().transform((v) => (v ? v : null)), // empty = 州属
});

export const middleSchoolSchema = z.object({
  id: z.string().optional(),
  countyId: z.string().min(1, "请选择所属县市"),
  name: name("学校名称"),
  prefectureOwned: checkbox.default(false),
});

export const setActiveSchema = z.object({ id: z.string().min(1), active: checkbox });

export const listQuerySchema = z.object({
  q: z.string().trim().max(40).optional().default(""),
  page: z.coerce.number().int().min(1).optional().default(1),
  countyId: z.string().optional().default(""),
  status: z.enum(["", "active", "inactive"]).optional().default(""),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const PASSWORD_RULE = "密码至少 8 位，且同时包含字母和数字";
export const passwordSchema = z
  .string({ error: "请填写密码" })
  .min(8, PASSWORD_RULE)
  .max(64, "密码不超过 64 位")
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), PASSWORD_RULE);

export const roleSchema = z.enum(["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"], {
  error: "请选择账号类型",
});

export const userCreateSchema = z.object({
  username: z
    .string({ error: "请填写用户名" })
    .trim()
    .regex(/^[a-z0-9_.-]{3,32}$/, "用户名为 3–32 位小写字母、数字、下划线、点或连字符"),
  displayName: name("姓名"),
  phone: z.string().trim().regex(/^(1[3-9]\d{9})?$/, "联系电话应为 11 位手机号码，可不填").optional().default(""),
  role: roleSchema,
  orgId: z.string().min(1, "请选择所属单位"),
  password: passwordSchema,
});

export const userUpdateSchema = z.object({
  id: z.string().min(1),
  displayName: name("姓名"),
  phone: z.string().trim().regex(/^(1[3-9]\d{9})?$/, "联系电话应为 11 位手机号码，可不填").optional().default(""),
});

export const resetPasswordSchema = z.object({ id: z.string().min(1), password: passwordSchema });

export const changeOwnPasswordSchema = z
  .object({
    current: z.string().min(1, "请填写当前密码"),
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "两次输入的新密码不一致，请重新输入" });

/** An action on one record by id (e.g. unlocking an account). */
export const idOnlySchema = z.object({ id: z.string().min(1, "缺少记录编号，请返回列表重新打开") });

export const PASSWORD_CHANGED = "密码已修改。您在其他电脑或浏览器上的登录已全部退出，下次登录请使用新密码。";
