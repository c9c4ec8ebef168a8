/**
 * 附件2 送读招生计划 — the rules of the yearly quota plan (SPEC §3).
 *
 * Pure module (no server imports): used by the plan form in the browser, by the
 * 附件2 import / export on the server and by the plan actions.
 *
 *  - county: cohort base N (初中毕业生 = 初一入学时学籍人数), send-off cap S with
 *    S ≤ ⌊30% × N⌋ (computed in integers: ⌊3N / 10⌋, never with floats), and the
 *    east–west cooperation task S※ ≤ S (a target inside S);
 *  - vocational school: enrolment cap E and its task E※ ≤ E;
 *  - totals are always computed from the rows (`planTotals`).
 */

export type CountyQuotaInput = {
  countyName: string;
  /** 初中毕业生（人）：本届初一入学时的学籍人数 N */
  cohortBase: number;
  /** 义教职教班送读计划 S */
  sendOffCap: number;
  /** 括号内带※号的东西协作送读上海任务数 S※ */
  shanghaiTask: number;
};

export type VocationalQuotaInput = {
  schoolName: string;
  /** 义教职教班招生计划 E */
  enrolCap: number;
  /** 括号内带※号的东西协作任务数 E※ */
  shanghaiTask: number;
};

export type CountyQuotaField = "cohortBase" | "sendOffCap" | "shanghaiTask";
export type VocationalQuotaField = "enrolCap" | "shanghaiTask";

export type QuotaIssue<F extends string> = { field: F; message: string };
export type CountyQuotaIssue = QuotaIssue<CountyQuotaField>;
export type VocationalQuotaIssue = QuotaIssue<VocationalQuotaField>;

export const COUNTY_QUOTA_LABELS: Record<CountyQuotaField, string> = {
  cohortBase: "初中毕业生数",
  sendOffCap: "送读计划",
  shanghaiTask: "东西协作任务数",
};

export const VOCATIONAL_QUOTA_LABELS: Record<VocationalQuotaField, string> = {
  enrolCap: "招生计划",
  shanghaiTask: "东西协作任务数",
};

/** The send-off ratio of the policy ("30%以内"), as a fraction of integers. */
export const SEND_OFF_RATIO_PERCENT = 30;

export function isNonNegativeInteger(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
}

/** ⌊30% × N⌋ computed in integers (N × 30, then floor-divided by 100), from SEND_OFF_RATIO_PERCENT. */
export function maxSendOffCap(cohortBase: number): number {
  return Math.floor((cohortBase * SEND_OFF_RATIO_PERCENT) / 100);
}

/**
 * The exact product N × 30% as printed in messages (from SEND_OFF_RATIO_PERCENT): decimals trimmed.
 * 1673 → "501.9", 2000 → "600". Integer arithmetic only.
 */
export function thirtyPercentText(cohortBase: number): string {
  if (!Number.isSafeInteger(cohortBase)) return String((cohortBase * SEND_OFF_RATIO_PERCENT) / 100);
  const hundredths = cohortBase * SEND_OFF_RATIO_PERCENT;
  const sign = hundredths < 0 ? "-" : "";
  const abs = Math.abs(hundredths);
  const whole = Math.floor(abs / 100);
  const decimals = String(abs % 100).padStart(2, "0").replace(/0+$/, "");
  return `${sign}${whole}${decimals ? `.${decimals}` : ""}`;
}

function nonNegativeIntegerMessage(subject: string, label: string): string {
  return `${subject}${label}必须是不小于0的整数`;
}

export function validateCountyQuota(q: CountyQuotaInput): CountyQuotaIssue[] {
  const issues: CountyQuotaIssue[] = [];
  const name = q.countyName.trim();
  const fields: CountyQuotaField[] = ["cohortBase", "sendOffCap", "shanghaiTask"];
  const valid = new Set<CountyQuotaField>();
  for (const field of fields) {
    if (isNonNegativeInteger(q[field])) valid.add(field);
    else issues.push({ field, message: nonNegativeIntegerMessage(name, COUNTY_QUOTA_LABELS[field]) });
  }
  if (valid.has("cohortBase") && valid.has("sendOffCap")) {
    const max = maxSendOffCap(q.cohortBase);
    if (q.sendOffCap > max) {
      issues.push({
        field: "sendOffCap",
        message: `${name}送读计划不得超过 ${max} 人（${q.cohortBase} × ${SEND_OFF_RATIO_PERCENT}% = ${thirtyPercentText(q.cohortBase)}）`,
      });
    }
  }
  if (valid.has("sendOffCap") && valid.has("shanghaiTask") && q.shanghaiTask > q.sendOffCap) {
    issues.push({
      field: "shanghaiTask",
      message: `${name}东西协作任务数 ${q.shanghaiTask} 不得超过送读计划 ${q.sendOffCap}`,
    });
  }
  return issues;
}

export function validateVocationalQuota(q: VocationalQuotaInput): VocationalQuotaIssue[] {
  const issues: VocationalQuotaIssue[] = [];
  const name = q.schoolName.trim();
  const fields: VocationalQuotaField[] = ["enrolCap", "shanghaiTask"];
  const valid = new Set<VocationalQuotaField>();
  for (const field of fields) {
    if (isNonNegativeInteger(q[field])) valid.add(field);
    else issues.push({ field, message: nonNegativeIntegerMessage(name, VOCATIONAL_QUOTA_LABELS[field]) });
  }
  if (valid.has("enrolCap") && valid.has("shanghaiTask") && q.shanghaiTask > q.enrolCap) {
    issues.push({
      field: "shanghaiTask",
      message: `${name}东西协作任务数 ${q.shanghaiTask} 不得超过招生计划 ${q.enrolCap}`,
    });
  }
  return issues;
}

export type PlanTotals = {
  counties: { cohortBase: number; sendOffCap: number; shanghaiTask: number };
  vocationalSchools: { enrolCap: number; shanghaiTask: number };
};

/** 合计 rows: always computed from the rows, never typed in. */
export function planTotals(
  counties: readonly CountyQuotaInput[],
  schools: readonly VocationalQuotaInput[],
): PlanTotals {
  const totals: PlanTotals = {
    counties: { cohortBase: 0, sendOffCap: 0, shanghaiTask: 0 },
    vocationalSchools: { enrolCap: 0, shanghaiTask: 0 },
  };
  for (const c of counties) {
    totals.counties.cohortBase += c.cohortBase;
    totals.counties.sendOffCap += c.sendOffCap;
    totals.counties.shanghaiTask += c.shanghaiTask;
  }
  for (const s of schools) {
    totals.vocationalSchools.enrolCap += s.enrolCap;
    totals.vocationalSchools.shanghaiTask += s.shanghaiTask;
  }
  return totals;
}

/**
 * The policy's cell format: "2073（102※）". A row without a task prints the bare
 * number, as the policy does for the county vocational schools ("850").
 */
export function formatWithTask(n: number, task: number): string {
  return task > 0 ? `${n}（${task}※）` : `${n}`;
}

const FULL_WIDTH_DIGITS = /[０-９]/g;

/**
 * Normalises a cell text for matching: full-width digits/brackets/asterisks to
 * their canonical form, every kind of white space removed.
 */
export function normalizePlanText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(FULL_WIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[（(]/g, "(")
    .replace(/[）)]/g, ")")
    .replace(/[*＊✱✻※]/g, "※")
    .replace(/[\s\u00a0\u2000-\u200b\u3000\ufeff]/g, "");
}

/**
 * Reads "2073（102※）", "2073 (102 *)", "2073(102＊)", "2073" → { value, task }.
 * Numbers may carry thousands separators and decimals (validation happens in the
 * rules, so "1.5" or "-3" are returned as numbers). Anything else → null.
 */
export function parseWithTask(text: string): { value: number; task: number | null } | null {
  const t = normalizePlanText(text).replace(/,/g, "");
  const m = /^([+-]?\d+(?:\.\d+)?)(?:\(※?([+-]?\d+(?:\.\d+)?)※?\))?$/.exec(t);
  if (!m) return null;
  return { value: Number(m[1]), task: m[2] === undefined ? null : Number(m[2]) };
}
