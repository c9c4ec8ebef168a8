// Preload of bench/lib/page-turns.mjs: holds the event loop for HOG_MS (20) on every turn (check phase), so that a
// request's added latency / HOG_MS = the turns it waited.
const H = Number(process.env.HOG_MS || 20);
function hog() { const t = performance.now(); while (performance.now() - t < H) { /* busy */ } setImmediate(hog); }
setTimeout(() => setImmediate(hog), Number(process.env.HOG_DELAY_MS || 0));
