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

/** The rows in the policy's order. Returns a new array. */
export function sortRosterRows<R extends RosterOrderKey>(rows: readonly R[]): R[] {
  return [...rows].sort(
    (a, b) =>
      a.countyOrder - b.countyOrder ||
      zhCollator.compare(a.middleSchoolName, b.middleSchoolName) ||
      zhNaturalCollator.compare(a.middleSchoolClass, b.middleSchoolClass) ||
      zhCollator.compare(a.studentName, b.studentName) ||
      (a.idNumber < b.idNumber ? -1 : a.idNumber > b.idNumber ? 1 : 0),
  );
}
