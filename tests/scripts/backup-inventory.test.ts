import { expect, test } from "vitest";
import { backupFileName, compareInventories } from "../../scripts/lib/backup.mjs";

const inv = { tables: { Application: 3, Document: 2 }, documents: [{ id: "d1", sha256: "aa" }, { id: "d2", sha256: "bb" }] };

test("equal inventories have no differences", () => {
  expect(compareInventories(inv, structuredClone(inv))).toEqual([]);
});

test("a missing row, a changed document and a missing document are each named", () => {
  const restored = { tables: { Application: 2, Document: 2 }, documents: [{ id: "d1", sha256: "xx" }] };
  expect(compareInventories(inv, restored)).toEqual([
    "表 Application：备份 3 行，恢复后 2 行",
    "文件 d1：校验值不一致或缺失",
    "文件 d2：校验值不一致或缺失",
  ]);
});

test("the file name carries the date and time in China", () => {
  expect(backupFileName(new Date("2020-05-08T17:30:05Z"))).toBe("zjb-backup-20200509-013005.tar");
});
