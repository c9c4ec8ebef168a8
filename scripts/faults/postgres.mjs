// Faults on real PostgreSQL (the harness's own cluster, ./lib.mjs ownPostgres): items 3, 5 and 6 of issue 17.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDatabase, migrate, root, run } from "../lib/db.mjs";
import { callAction, countApplications, fixture, importAcknowledged, importFile, kill9, line, login, sendOff, sleep, sql, startApp, stopApp } from "./lib.mjs";

const enrolled = async (url, ids) => Number((await sql(url, `SELECT count(*)::int AS n FROM "Enrolment" WHERE "applicationId" = ANY($1)`, [ids]))[0].n);

/**
 * Holds a row lock the request's transaction needs, starts the request, waits until the app's transaction
 * is blocked on that lock (pg_stat_activity), kills the server with SIGKILL, then lets go. The kill lands
 * inside an open transaction by construction, not by timing.
 */
async function killInsideTransaction(url, app, lockSql, request) {
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  await holder.query("BEGIN");
  await holder.query(lockSql);
  const req = request().catch(() => ({ status: 0, text: "" }));
  let waiting = false;
  for (let i = 0; i < 500 && !waiting; i++) {
    waiting = (await holder.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`)).rows[0].n > 0;
    if (!waiting) await sleep(20);
  }
  kill9(app);
  const first = await req;
  await holder.query("COMMIT");
  await holder.end();
  await sleep(500); // the orphaned backend gets the lock, finds its client gone, rolls back
  return { waiting, first };
}

export async function postgresFaults(cluster, report) {
  const work = mkdtempSync(path.join(os.tmpdir(), "zjb-faults-pgfiles-"));
  const url = await createDatabase(cluster.server, "zjb_faults");
  await migrate(url);
  const fx = await fixture(url, { sendOff: 300, roster: 200, batches: [2000, 40, 40, 40, 40], outDir: work });
  const env = { DATABASE_URL: url };
  let app = await startApp({ env });
  let school = await login(app.base, fx.users.school);
  let county = await login(app.base, fx.users.county);

  // 3. PostgreSQL stops under the running app, then comes back.
  {
    await cluster.stop();
    // /api/health reuses its last probe for 1 s (src/server/db-health.ts); startApp's own health check may be that recent.
    await sleep(1_200);
    const health = await fetch(`${app.base}/api/health`);
    const healthBody = await health.json().catch(() => ({}));
    const api = await sendOff(app.base, county, fx.applicationIds.slice(0, 10));
    const page = await fetch(`${app.base}/applications`, { headers: { cookie: school } });
    const pageText = await page.text();
    const chinese = "数据库暂时无法连接，请稍后重试";
    const outageOk = health.status === 503 && healthBody.database === "unavailable" && api.status === 503 && String(api.body.message).includes(chinese)
      && page.status === 503 && pageText.includes(chinese) && !/at .*\.js:\d+/.test(pageText);
    await cluster.start();
    const back = Date.now();
    let recovery = null;
    while (Date.now() - back < 15_000) {
      const h = await fetch(`${app.base}/api/health`).catch(() => null);
      const p = await fetch(`${app.base}/applications`, { headers: { cookie: school } }).catch(() => null);
      if (h?.status === 200 && p?.status === 200) { recovery = (Date.now() - back) / 1000; break; }
      await sleep(100);
    }
    const half = await enrolled(url, fx.applicationIds.slice(0, 10)); // the refused send-off wrote nothing
    report(line({ name: "postgres-outage", survived: outageOk && recovery !== null && recovery <= 5 && half === 0, partial: half, recovery: recovery ?? 99,
      note: `during outage: health ${health.status} database=${healthBody.database}, send-off ${api.status}, page ${page.status}${pageText.includes(chinese) ? " 中文提示" : " NO MESSAGE"}` }));
  }

  // 6a. kill -9 during a 2,000-row import; afterwards 0 rows of it; the same file again succeeds.
  {
    const big = fx.workbooks[0];
    let saving = false;
    const t0 = Date.now();
    const req = importFile(app.base, school, big.file, { onLine: (l) => { if (l.stage === "save") saving = true; } }).catch(() => []);
    while (!saving && Date.now() - t0 < 60_000) await sleep(5);
    kill9(app);
    const acked = importAcknowledged(await req);
    const after = await countApplications(url, big.idNumbers);
    const r0 = Date.now();
    app = await startApp({ env });
    school = await login(app.base, fx.users.school);
    const retry = importAcknowledged(await importFile(app.base, school, big.file));
    const recovery = (Date.now() - r0) / 1000;
    const final = await countApplications(url, big.idNumbers);
    const partial = after !== 0 && after !== 2000 ? after : 0;
    report(line({ name: "kill9-import-2000", survived: partial === 0 && (acked ? after === 2000 : true) && retry && final === 2000, partial, lost: acked && after !== 2000 ? 2000 - after : 0, recovery,
      note: `killed during the save stage; ${after} rows after the kill (whole batch or none), retry ${retry ? "stored" : "FAILED"} ${final}` }));
    county = await login(app.base, fx.users.county);
  }

  // 6b. kill -9 during a send-off of 300 students at once.
  {
    const ids = fx.applicationIds;
    const last = [...ids].sort().pop(); // send-off locks the applications in id order: it blocks on the last
    const { waiting, first } = await killInsideTransaction(url, app, `SELECT id FROM "Application" WHERE id = '${last}' FOR UPDATE`, () => sendOff(app.base, county, ids));
    const after = await enrolled(url, ids);
    const r0 = Date.now();
    app = await startApp({ env });
    county = await login(app.base, fx.users.county);
    const retry = after === ids.length ? { status: 200 } : await sendOff(app.base, county, ids);
    const recovery = (Date.now() - r0) / 1000;
    const final = await enrolled(url, ids);
    const partial = after !== 0 && after !== ids.length ? after : 0;
    report(line({ name: "kill9-send-off-300", survived: waiting && partial === 0 && retry.status === 200 && final === ids.length && !(first.status === 200 && after !== ids.length), partial, recovery,
      note: `killed ${waiting ? "inside the transaction (blocked on a row lock)" : "WITHOUT reaching the lock"}, request ${first.status === 200 ? "answered" : "cut off"}; ${after} enrolments after the kill; retry ${retry.status}, ${final} enrolled` }));
  }

  // 5. Backup while imports are written (pg_dump in one snapshot), restore into an empty database.
  {
    school = await login(app.base, fx.users.school);
    const load = (async () => { for (const b of fx.workbooks.slice(1)) await importFile(app.base, school, b.file).catch(() => {}); })();
    await sleep(100);
    const t0 = Date.now();
    let ok = true, out = "";
    try {
      const bk = await run(process.execPath, [path.join(root, "scripts/backup.mjs"), "--out", work], { env: { ...process.env, DATABASE_URL: url }, quiet: true });
      await load;
      const target = await createDatabase(cluster.server, "zjb_faults_restored");
      out = await run(process.execPath, [path.join(root, "scripts/restore.mjs"), bk.trim().split("\n").pop()], { env: { ...process.env, DATABASE_URL: target }, quiet: true });
      // Taken during load: each import is in the restored copy whole or not at all.
      for (const b of fx.workbooks.slice(1)) {
        const n = await countApplications(target, b.idNumbers);
        if (n !== 0 && n !== b.idNumbers.length) { ok = false; out += `\npartial import in restored copy: ${n}`; }
      }
    } catch (err) { ok = false; out = err.message; }
    const tables = (out.match(/备份 +\d+ +恢复后/g) ?? []).length;
    report(line({ name: "backup-restore-postgresql", survived: ok && /校验值全部一致/.test(out), recovery: (Date.now() - t0) / 1000,
      note: ok ? `${tables} tables equal, ${out.match(/上传文件 (\d+) 个/)?.[1]} documents equal, taken during imports` : out.slice(-300) }));
  }
  await stopApp(app);

  // 6c. kill -9 inside a roster submission's transaction (blocked on the school's row lock it takes):
  //     its snapshot row must not exist afterwards; submitting again works.
  {
    app = await startApp({ env: { ...env, ZJB_TRAINING_DATE: "2020-06-08" } });
    const voc = await login(app.base, fx.users.voc);
    const { waiting } = await killInsideTransaction(url, app,
      `SELECT id FROM "VocationalSchool" WHERE id = (SELECT "vocationalSchoolId" FROM "User" WHERE username = 'f-voc') FOR UPDATE`,
      () => callAction(app.base, voc, "/roster", "submitRosterAction", { reason: "" }));
    const subs = async () => sql(url, `SELECT s."rowCount", jsonb_array_length(s.rows) AS n, (SELECT count(*)::int FROM "AuditLog" l WHERE l."entityId" = s.id) AS audits FROM "RosterSubmission" s`);
    const afterKill = await subs();
    const r0 = Date.now();
    app = await startApp({ env: { ...env, ZJB_TRAINING_DATE: "2020-06-08" } });
    const voc2 = await login(app.base, fx.users.voc);
    const retry = await callAction(app.base, voc2, "/roster", "submitRosterAction", { reason: "" });
    const recovery = (Date.now() - r0) / 1000;
    const final = await subs();
    const whole = final.length === 1 && final[0].rowCount === 200 && final[0].n === 200 && final[0].audits === 1;
    report(line({ name: "kill9-roster-submit", survived: waiting && afterKill.length === 0 && whole && /已提交第 1 版/.test(retry.text), partial: afterKill.reduce((a, s) => a + s.n, 0), recovery,
      note: `killed ${waiting ? "inside the transaction (blocked on the row lock)" : "WITHOUT reaching the lock"}; ${afterKill.length} submissions after the kill; retry: ${final.length} submission of ${final[0]?.n ?? 0} rows with ${final[0]?.audits ?? 0} audit row` }));
    await stopApp(app);
  }
  return { work };
}
