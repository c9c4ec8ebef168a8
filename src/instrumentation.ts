// Graceful stop (decision 052): on SIGTERM/SIGINT Next stops accepting, finishes the requests in flight and
// then calls process.exit. Just before that exit, close the database pool (at most 2 s), so PostgreSQL
// sees each connection end cleanly instead of a vanished client. No imports: this file is loaded outside
// the server-only graph; the client is the one `src/server/db.ts` keeps on globalThis.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const g = globalThis as unknown as { __zjbDb?: { $disconnect(): Promise<void> }; __zjbExitHook?: boolean };
  if (g.__zjbExitHook) return;
  g.__zjbExitHook = true;
  const onSignal = () => {
    const exit = process.exit.bind(process);
    let closing = false;
    process.exit = ((code?: number) => {
      if (closing) return exit(code);
      closing = true;
      const closed = g.__zjbDb
        ? g.__zjbDb.$disconnect().then(() => console.log("[zjb] 数据库连接已关闭。"), () => {})
        : Promise.resolve();
      void Promise.race([closed, new Promise((r) => setTimeout(r, 2_000))]).finally(() => exit(code));
    }) as typeof process.exit;
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
