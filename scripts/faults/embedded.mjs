// Faults of the embedded default (PGlite inside `npm start`), items 1, 2, 4 and 5 of issue 17.
// One data folder: prepared once (migrations + fixture), then the faults run one after another on it.
import { mkdtempSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort, migrate, root, run, startPglite } from "../lib/db.mjs";
import { countApplications, fixture, importAcknowledged, importFile, kill9, line, login, sleep, startApp, stopApp } from "./lib.mjs";

export async function embeddedFaults(report, only) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "zjb-faults-embedded-"));
  const work = mkdtempSync(path.join(os.tmpdir(), "zjb-faults-files-"));
  // Prepare: migrate and load the fixture through the same socket server `npm start` uses.
  const pre = await startPglite(path.join(dataDir, "pglite"));
  let fx;
  try {
    await migrate(pre.url);
    // 5 approved applications bring 5 signed-form scans: the backup must carry documents too.
    fx = await fixture(pre.url, { sendOff: 5, batches: [...Array(24).fill(5), 300], outDir: work });
  } finally {
    await pre.close();
  }
  // A known port for the embedded database, so the harness can count rows while the server runs.
  const dbPort = await freePort();
  const env = { ZJB_DATA_DIR: dataDir, ZJB_EMBEDDED_DB_PORT: String(dbPort) };
  const dbUrl = `postgresql://postgres:postgres@127.0.0.1:${dbPort}/postgres?sslmode=disable`;
  const count = (ids) => countApplications(dbUrl, ids);

  let restoredDir = null;
  let app = await startApp({ env });
  const school = await login(app.base, fx.users.school);
  const zhou = await login(app.base, fx.users.prefecture);

  // 1. A refused statement outside a transaction (here a NUL byte PostgreSQL rejects) must not cost
  //    the next request, another user's, its database connection (decision 050).
  {
    let failures = 0, total = 0;
    const t0 = Date.now();
    const good = async () => {
      const res = await fetch(`${app.base}/api/exports/annex2?year=2020`, { headers: { cookie: zhou } });
      await res.arrayBuffer();
      total++;
      if (res.status >= 500) failures++;
    };
    for (let i = 0; i < 6; i++) {
      // Requests of other users queued behind the refused one, and one right after it.
      const bad = fetch(`${app.base}/api/exports/annex4?year=2020&school=%00`, { headers: { cookie: zhou } }).then((r) => r.arrayBuffer());
      await Promise.all([bad, ...Array.from({ length: 8 }, good)]);
      await good();
    }
    report(line({ name: "embedded-refused-statement", survived: failures === 0, lost: failures, recovery: (Date.now() - t0) / 1000 / 6, note: `${failures}/${total} requests of other users failed` }));
  }
  if (only === "embedded-refused-statement") return { dataDir, work, stop: () => stopApp(app) };

  // 2. kill -9 while imports are being written; restart: every acknowledged import whole, none half.
  {
    const small = fx.workbooks.slice(0, 24);
    const acked = new Set();
    let next = 0;
    const worker = async () => {
      while (next < 16) {
        const b = small[next++];
        try { if (importAcknowledged(await importFile(app.base, school, b.file))) acked.add(b); } catch { return; }
      }
    };
    const workers = [worker(), worker()];
    while (acked.size < 3 && !app.exited) await sleep(20);
    await sleep(150); // writes in flight
    kill9(app);
    await Promise.allSettled(workers);
    const t0 = Date.now();
    app = await startApp({ env });
    const recovery = (Date.now() - t0) / 1000;
    const tookOver = /没有正常停止，已接管/.test(app.output);
    const { lost, partial } = await checkBatches(count, small.slice(0, next), acked);
    report(line({ name: "embedded-kill9-writes", survived: lost === 0 && partial === 0 && tookOver, lost, partial, recovery,
      note: `${acked.size} imports acknowledged before kill -9, ${next} started; stale lock message ${tookOver ? "shown" : "MISSING"}` }));
  }

  // 4. SIGTERM with an import in flight: it finishes, new connections are refused, the database is
  //    closed cleanly; the next start has no stale lock to take over.
  {
    const s = await login(app.base, fx.users.school);
    const big = fx.workbooks[24];
    const t0 = Date.now();
    let saving = false;
    const inflight = importFile(app.base, s, big.file, { onLine: (l) => { if (l.stage === "save") saving = true; } }).catch((err) => [{ type: "broken", message: String(err) }]);
    while (!saving && Date.now() - t0 < 30_000) await sleep(10);
    process.kill(app.child.pid, "SIGTERM");
    // "Stop accepting": a new TCP connection (not a kept-alive one) is refused within 3 s.
    let refused = false;
    for (let i = 0; i < 30 && !refused; i++) {
      refused = await new Promise((resolve) => {
        const c = net.connect(app.port, "127.0.0.1");
        c.on("connect", () => { c.destroy(); resolve(false); });
        c.on("error", () => resolve(true));
      });
      if (!refused) await sleep(100);
    }
    const lines = await inflight;
    await Promise.race([app.exitedPromise, sleep(20_000)]);
    const stopS = (Date.now() - t0) / 1000;
    const finished = importAcknowledged(lines);
    const exitedClean = app.exited && /已停止/.test(app.output) && /数据库连接已关闭/.test(app.output);
    app = await startApp({ env });
    const staleAgain = /没有正常停止/.test(app.output);
    const n = await count(big.idNumbers);
    const ok = finished && refused && exitedClean && !staleAgain && n === big.idNumbers.length;
    report(line({ name: "embedded-sigterm-graceful", survived: ok, lost: finished ? big.idNumbers.length - n : 0, partial: n % big.idNumbers.length, recovery: stopS,
      note: `in-flight import ${finished ? "finished" : "LOST"}, new connection ${refused ? "refused" : "ACCEPTED"}, pool and database closed ${exitedClean}, second start ${staleAgain ? "found a stale lock" : "clean"}` }));
  }

  // 5. Backup while the server runs and imports are written, restore into an empty data folder.
  {
    const s = await login(app.base, fx.users.school);
    const load = (async () => { for (const b of fx.workbooks.slice(16, 24)) await importFile(app.base, s, b.file).catch(() => {}); })();
    await sleep(200);
    const t0 = Date.now();
    const out = await run(process.execPath, [path.join(root, "scripts/backup.mjs"), "--out", work], { env: { ...process.env, ZJB_DATA_DIR: dataDir, DATABASE_URL: "" }, quiet: true });
    await load;
    await stopApp(app);
    const file = out.trim().split("\n").pop();
    const target = mkdtempSync(path.join(os.tmpdir(), "zjb-faults-restored-"));
    restoredDir = target;
    let restored = "", ok = true;
    try {
      restored = await run(process.execPath, [path.join(root, "scripts/restore.mjs"), file], { env: { ...process.env, ZJB_DATA_DIR: target, DATABASE_URL: "" }, quiet: true });
    } catch (err) { ok = false; restored = err.message; }
    const tables = (restored.match(/备份 +\d+ +恢复后/g) ?? []).length;
    report(line({ name: "backup-restore-embedded", survived: ok && /校验值全部一致/.test(restored), recovery: (Date.now() - t0) / 1000,
      note: ok ? `${tables} tables equal, ${restored.match(/上传文件 (\d+) 个/)?.[1]} documents equal; ${path.basename(file)}` : restored.slice(-300) }));
  }
  return { dataDir, work, restoredDir };
}

async function checkBatches(count, batches, acked) {
  let lost = 0, partial = 0;
  for (const b of batches) {
    const n = await count(b.idNumbers);
    if (n !== 0 && n !== b.idNumbers.length) partial += n;
    if (acked.has(b) && n !== b.idNumbers.length) lost += b.idNumbers.length - n;
  }
  return { lost, partial };
}
