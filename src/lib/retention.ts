/**
 * 巩固率 and the prefecture's credited counts (SPEC §8, policy 六). Pure: the one formula used by the
 * assessment page, the sign-off snapshot and the September report (src/server/filings/figures.ts).
 */

export const TARGET = { num: 95, den: 100 } as const;

export type Retention = {
  confirmed: number; // students on the confirmed 附件4 roster
  exemptLeavers: number; // leavers with a written proof: out of the assessment
  lostLeavers: number; // every other leaver (辍学, 其他, or no proof yet)
  numerator: number; // still enrolled (or completed) = confirmed − all leavers
  denominator: number; // confirmed − exempt leavers
  rate: number | null; // null when the denominator is 0: shown as "—", never 100 %
  meetsTarget: boolean | null;
};

/** retention = still enrolled ÷ (confirmed roster − exempt leavers). */
export function retention(input: { confirmed: number; exemptLeavers: number; lostLeavers: number }): Retention {
  const { confirmed, exemptLeavers, lostLeavers } = input;
  for (const [k, v] of Object.entries(input)) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${k} must be a non-negative integer`);
  }
  if (exemptLeavers + lostLeavers > confirmed) throw new RangeError("more leavers than confirmed students");
  const denominator = confirmed - exemptLeavers;
  const numerator = denominator - lostLeavers;
  const rate = denominator > 0 ? numerator / denominator : null;
  // Compared in integers (numerator/denominator ≥ 95/100) so 19/20 is exactly 95 %.
  const meetsTarget = denominator > 0 ? numerator * TARGET.den >= TARGET.num * denominator : null;
  return { confirmed, exemptLeavers, lostLeavers, numerator, denominator, rate, meetsTarget };
}

export type Credit = {
  students: number; // confirmed students from the county at this school
  basis: "ACTUAL" | "FLOOR"; // actual rate (above 95 %) or the 95 % floor
  factorNum: number; factorDen: number; // the rate used, as a fraction
  exact: number; // students × rate, unrounded
  credited: number; // rounded half up to whole students (四舍五入取整)
};

/**
 * 计入生源地县市中职招生完成数 = students × max(95 %, actual rate), "按巩固率95%（超出95%的按实际比例）".
 * With no rate (denominator 0) the policy's 95 % applies. Rounding: half up to a whole student; the
 * exact value is kept beside it.
 */
export function credit(students: number, r: Pick<Retention, "numerator" | "denominator">): Credit {
  if (!Number.isInteger(students) || students < 0) throw new RangeError("students must be a non-negative integer");
  const actual = r.denominator > 0 && r.numerator * TARGET.den > TARGET.num * r.denominator;
  const [factorNum, factorDen] = actual ? [r.numerator, r.denominator] : [TARGET.num, TARGET.den];
  const p = students * factorNum;
  return { students, basis: actual ? "ACTUAL" : "FLOOR", factorNum, factorDen, exact: p / factorDen, credited: Math.floor((2 * p + factorDen) / (2 * factorDen)) };
}

export const percent = (rate: number | null, digits = 2) => (rate === null ? "—" : `${(rate * 100).toFixed(digits)}%`);

/** The formula with its figures, as shown next to every rate. */
export function retentionFormula(r: Retention): string {
  return `巩固率 = 秋季注册时仍在读 ${r.numerator} 人 ÷（确认名单 ${r.confirmed} 人 − 有证明的离校 ${r.exemptLeavers} 人）= ${r.numerator} ÷ ${r.denominator} = ${percent(r.rate)}`;
}

export function creditFormula(c: Credit): string {
  const factor = c.basis === "ACTUAL" ? `实际巩固率 ${c.factorNum}/${c.factorDen}` : "95%";
  return `${c.students} 人 × ${factor} = ${Number(c.exact.toFixed(4))}，四舍五入计 ${c.credited} 人`;
}
