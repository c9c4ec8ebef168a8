// The solo phase of bench 05 (decisions 104, 108): after the loads, each page's own time on idle servers, the sizes
// measured turn and turn about. `results`: per size { size, env, fixture, chosen } (the load's chosen users, each with
// its round's pages and the send-off ids kept for it); `round(sim, k)`: a user's pages in round k.
import { freePort } from "../../scripts/lib/db.mjs";
import { fetchPage, learnRscParam, pctl, postSendOff, signIn, startNext, stopAll, waitFor } from "./harness.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Solo (decision 104): each page's own time, one request at a time on idle servers, after the loads. The sizes are
 * measured in the same minutes, turn and turn about (decision 108): one fresh server per size, and each request of a
 * chosen user's round asked of one size and then of the other (the order swapped every round). Measured one size
 * after the other, a whole phase of one size could run 30 % slower than the other's (other work on the machine),
 * which moved every kind's growth — the application page's, which reads the same at every size, from 0.86 to 1.33.
 * The account page (`floor-console`: the console layout, nothing of the year) is timed in each round too (printed).
 */
export async function soloPhase(results, { rounds, round, kinds, failures, navigation }) {
  const children = [];
  try {
    const sides = [];
    for (const r of results) {
      const port = await freePort();
      children.push(startNext(port, { ...r.env, DB_POOL_MAX: "5" }));
      const base = `http://127.0.0.1:${port}`;
      await waitFor(`${base}/api/health`);
      const sims = [];
      for (const c of r.chosen) sims.push({ ...c, base, cookie: await signIn(base, c.u.username, r.fixture.password) });
      // Pages asked for as the load asked for them (BENCH_MIXED_NAVIGATION).
      const rsc = navigation === "rsc" && sims.length ? await learnRscParam(base, sims[0].cookie) : null;
      sides.push({ size: r.size, sims, rsc, samples: [] });
    }
    const ask = async (side, s, kind, p) => {
      const t = performance.now();
      let status = 0;
      if (kind === "send-off") {
        const ids = s.soloQueue.splice(0, 1);
        if (ids.length === 0) return;
        const r = await postSendOff(s.base, s.cookie, ids);
        status = r.refused ? 200 : r.status;
      } else {
        const res = await fetchPage(s.base, s.cookie, p, side.rsc);
        status = res.status;
        await res.arrayBuffer();
      }
      side.samples.push({ kind, ms: performance.now() - t, role: s.u.role });
      if (status !== 200) failures.push(`solo apps=${side.size} ${kind} ${p ?? ""}: HTTP ${status}`);
    };
    // Warm each fresh server with three rounds of every chosen user (rounds not measured; no send-offs): not measured.
    for (const side of sides) for (const k of [0, rounds + 1, rounds + 2]) for (const s of side.sims) for (const [kind, p] of [...round(s, k), ["floor-console", "/account"]]) if (kind !== "send-off") await ask({ ...side, samples: [] }, s, kind, p);
    await sleep(1000);
    for (let k = 1; k <= rounds; k++) {
      const order = k % 2 ? sides : [...sides].reverse();
      for (let j = 0; j < Math.max(...sides.map((d) => d.sims.length)); j++) {
        const steps = order.map((d) => (d.sims[j] ? [...round(d.sims[j], k), ["floor-console", "/account"]] : []));
        for (const kind of [...kinds, "floor-console"]) {
          for (const [i, d] of order.entries()) for (const [kd, p] of steps[i]) if (kd === kind) await ask(d, d.sims[j], kind, p);
        }
      }
    }
    return Object.fromEntries(sides.map((d) => [d.size, soloFigures(d.samples, kinds)]));
  } finally {
    await stopAll(children);
  }
}

/** Per kind: the solo median and p95, and the median per role (a kind's median over four roles' pages falls on one role or another). */
function soloFigures(samples, kinds) {
  const solo = {}, soloRoles = {};
  for (const kind of [...kinds, "floor-console"]) {
    const xs = samples.filter((x) => x.kind === kind);
    if (!xs.length) continue;
    solo[kind] = { n: xs.length, p50: pctl(xs.map((x) => x.ms), 50), p95: pctl(xs.map((x) => x.ms), 95) };
    const by = {};
    for (const x of xs) (by[x.role] ??= []).push(x.ms);
    soloRoles[kind] = Object.fromEntries(Object.entries(by).map(([r, v]) => [r, pctl(v, 50)]));
  }
  return { solo, soloRoles };
}
