import "server-only";

export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "VALIDATION"
  | "CONFLICT"
  | "CAP_EXCEEDED"
  | "OUT_OF_WINDOW"
  | "INVALID_STATE";

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
