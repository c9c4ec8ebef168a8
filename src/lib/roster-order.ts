/**
 * The order of a list of students in the programme (附件4, 附件6, the roster pages), SPEC §7: 所属县市
 * (official order), then 原初中学校, then 所在班级 ("初三(2)班" before "初三(10)班"); students of one
 * class by name, then ID, so the order is deterministic. Pure: shared by the roster domain and the exports.
 */
/** One student of a roster as the lists and 附件4 show it. */
export type RosterStudentRow = {
  studentName: string;
  sex: "男" | "女";
  idNumber: string;
  countyName: string;
  /** position of the county in the official order (楚雄市 = 1 … 禄丰县 = 10) */
  countyOrder: number;
  middleSchoolName: string;
  middleSchoolClass: string;
  /** 学籍号 */
  studentNumber: string;
  vocationalClass: string;
  /** 学号 in the vocational school */
  vocationalStudentNo: string;
};

export type RosterOrderKey = {
  /** position of the county in the official order (楚雄市 = 1 … 禄丰县 = 10) */
  countyOrder: number;
  middleSchoolName: string;
  middleSchoolClass: string;
  studentName: string;
  idNumber: string;
};

const zhCollator = new Intl.Collator("zh-Hans-CN");
const zhNaturalCollator = new Intl.Collator("zh-Hans-CN", { numeric: true });

/** The policy's order of two rows (the definition; `sortRosterRows` sorts by it, faster). */
export function compareRosterRows(a: RosterOrderKey, b: RosterOrderKey): number {
  return (
    a.countyOrder - b.countyOrder ||
    zhCollator.compare(a.middleSchoolName, b.middleSchoolName) ||
    zhNaturalCollator.compare(a.middleSchoolClass, b.middleSchoolClass) ||
    zhCollator.compare(a.studentName, b.studentName) ||
    (a.idNumber < b.idNumber ? -1 : a.idNumber > b.idNumber ? 1 : 0)
  );
}

/** Each distinct value's place in the collator's order; values the collator finds equal share a place. */
function ranks(values: readonly string[], collator: Intl.Collator): Map<string, number> {
  const distinct = [...new Set(values)].sort(collator.compare);
  const out = new Map<string, number>();
  let place = 0;
  distinct.forEach((v, i) => {
    if (i > 0 && collator.compare(distinct[i - 1], v) !== 0) place++;
    out.set(v, place);
  });
  return out;
}

/**
 * The rows in the policy's order (`compareRosterRows`). Returns a new array. The collator compares each
 * distinct school, class and name once, not at every comparison of the sort: a school of 3 000 students
 * sorts in a third of the time (decision 100).
 */
export function sortRosterRows<R extends RosterOrderKey>(rows: readonly R[]): R[] {
  const school = ranks(rows.map((r) => r.middleSchoolName), zhCollator);
  const klass = ranks(rows.map((r) => r.middleSchoolClass), zhNaturalCollator);
  const name = ranks(rows.map((r) => r.studentName), zhCollator);
  return [...rows].sort(
    (a, b) =>
      a.countyOrder - b.countyOrder ||
      school.get(a.middleSchoolName)! - school.get(b.middleSchoolName)! ||
      klass.get(a.middleSchoolClass)! - klass.get(b.middleSchoolClass)! ||
      name.get(a.studentName)! - name.get(b.studentName)! ||
      (a.idNumber < b.idNumber ? -1 : a.idNumber > b.idNumber ? 1 : 0),
  );
}

/**
 * Within one middle school (the printed and exported 附件3): by class in natural order ("九年级（2）班"
 * before "九年级（10）班"), then name, then id, so the order is deterministic.
 */
export function compareClassThenName(
  a: { className: string; studentName: string; id: string },
  b: { className: string; studentName: string; id: string },
): number {
  return zhNaturalCollator.compare(a.className, b.className) || zhCollator.compare(a.studentName, b.studentName) || a.id.localeCompare(b.id);
}
