import "server-only";
import { z } from "zod";

// Only server code reads process.env, and only through this module.
const schema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL 未设置（npm start 会自动启动内置数据库）"),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  // Training clock (演练模式): a fixed China date/time for the whole server, e.g. "2020-05-08" or
  // "2020-05-08T10:00". Set only in the server's environment; never from the browser.
  ZJB_TRAINING_DATE: z.string().optional(),
  NODE_ENV: z.string().default("production"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;
export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error("环境变量配置错误 / invalid environment: " + parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    }
    cached = parsed.data;
  }
  return cached;
}
