import { describe, expect, test } from "vitest";
import { compareRosterRows, sortRosterRows, type RosterOrderKey } from "@/lib/roster-order";

const row = (countyOrder: number, middleSchoolName: string, middleSchoolClass: string, studentName: string, idNumber: string): RosterOrderKey =>
  ({ countyOrder, middleSchoolName, middleSchoolClass, studentName, idNumber });

describe("the policy's order of a roster (SPEC §7)", () => {
  test("county in official order, then school and name by pinyin, class in natural order, then ID", () => {
    const rows = [
      row(2, "安平中学", "初三(1)班", "王芳", "2"),
      row(1, "紫溪中学", "初三(10)班", "李明", "1"),
      row(1, "紫溪中学", "初三(2)班", "张伟", "3"),
      row(1, "东瓜中学", "初三(2)班", "赵敏", "4"),
      row(1, "紫溪中学", "初三(2)班", "陈静", "6"),
      row(1, "紫溪中学", "初三(2)班", "陈静", "5"),
    ];
    expect(sortRosterRows(rows).map((r) => r.idNumber)).toEqual(["4", "5", "6", "3", "1", "2"]);
  });

  test("sorting by each value's place gives the order compareRosterRows defines, on many random lists", () => {
    const schools = ["紫溪中学", "东瓜中学", "鹿城中学", "楚雄一中", "吕合中学", "子午中学", "Ａ中学"];
    const classes = ["初三(1)班", "初三(2)班", "初三(10)班", "九年级（3）班", "九年级（12）班", "初三1班"];
    const names = ["李明", "李敏", "张伟", "张玮", "陈静", "王芳", "欧阳娜", "李明"];
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let list = 0; list < 50; list++) {
      const rows = Array.from({ length: 1 + rnd(200) }, () => row(1 + rnd(3), schools[rnd(schools.length)], classes[rnd(classes.length)], names[rnd(names.length)], String(rnd(30))));
      const reference = [...rows].sort(compareRosterRows);
      const sorted = sortRosterRows(rows);
      expect(sorted.map((r) => rows.indexOf(r) >= 0)).not.toContain(false);
      // equal keys may come in either order: compare the keys, not the objects
      expect(sorted.map((r) => JSON.stringify(r))).toEqual(reference.map((r) => JSON.stringify(r)));
    }
  });
});
