import "server-only";

export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "VALIDATION"
  | "CONFLICT"
  | "CAP_EXCEEDED"
  | "OUT_OF_WINDOW"
  | "INVALID_STATE"
  | "TOO_LARGE"
  | "UNSUPPORTED_MEDIA";

/** A refusal the user can act on; `message` is shown as-is (Chinese, says what to do). */
export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string,
    public readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "记录") =>
  new AppError("NOT_FOUND", `未找到该${what}，或您无权查看。请返回列表刷新后重试。`);

export const forbidden = () =>
  new AppError("FORBIDDEN", "您的账号没有执行此操作的权限。如需办理，请联系上级教育体育局。");

/**
 * A unique index refused the write (two people doing the same thing at once, or a duplicate):
 * Prisma's P2002, or PostgreSQL's 23505 surfacing from a raw query through the driver adapter.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { code?: string; message?: string; cause?: { code?: string } };
  return e.code === "P2002" || e.cause?.code === "23505" || /\b23505\b|UniqueConstraintViolation|Unique constraint failed|duplicate key value/.test(e.message ?? "");
}
