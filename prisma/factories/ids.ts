// The one sequence behind every generated value of the factories (ID numbers, 学籍号, names, usernames).
// Two generators with random offsets in the same space could collide in the shared test database, so
// there is one counter, and under Vitest each test file reserves its own block of it through a counter
// file that the global setup creates (the database test files run one after another, never at once).
// Outside Vitest (seed, benchmarks) the block is picked at random: those runs have a database of their own.
import { closeSync, openSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";

export const ID_BLOCK = 10_000;

function reserveBlock(): number {
  const file = process.env.ZJB_ID_COUNTER_FILE;
  if (!file) return Math.floor(Math.random() * 400) * ID_BLOCK;
  const lock = `${file}.lock`;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; ; attempt++) {
    try {
      closeSync(openSync(lock, "wx"));
      break;
    } catch {
      if (attempt > 2_000) throw new Error(`ID counter lock ${lock} held for more than 10 s`);
      Atomics.wait(pause, 0, 0, 5);
    }
  }
  try {
    let start = 0;
    try { start = Number(readFileSync(file, "utf8")) || 0; } catch { /* first block */ }
    writeFileSync(file, String(start + ID_BLOCK));
    return start;
  } finally {
    unlinkSync(lock);
  }
}

let next = 0;
let end = 0;
/** The next number of this run's sequence (unique across the test files of one run). */
export function nextSeq(): number {
  if (next >= end) {
    next = reserveBlock();
    end = next + ID_BLOCK;
  }
  return next++;
}

/** A short unique suffix for names and usernames. */
export const uniq = () => nextSeq().toString(36).padStart(4, "0");
