/**
 * Whether `npm start` loads the demo prefecture (≈70 accounts sharing one published password):
 * only into the embedded database, or when asked with `--demo` / ZJB_DEMO=1 (ZJB_DEMO=0 refuses it).
 */
export function wantsDemo({ argv = process.argv, env = process.env, embedded }) {
  if (env.ZJB_DEMO === "0") return false;
  return argv.includes("--demo") || env.ZJB_DEMO === "1" || Boolean(embedded);
}
