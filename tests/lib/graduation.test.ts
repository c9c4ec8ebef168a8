// Pure rules of decisions 024/025: what a graduate lacks, the "missing" filters, the path ↔ registration rule.
import { describe, expect, test } from "vitest";
import { graduateGaps, isMissing, pathConflict, registrationFor } from "@/lib/graduation";

const none = { compulsoryCertificate: false, skillCertificates: 0, gradesSent: false, gradesReceived: false };
const all = { compulsoryCertificate: true, skillCertificates: 2, gradesSent: true, gradesReceived: true };

describe("graduateGaps / isMissing", () => {
  test("a complete graduate lacks nothing", () => {
    expect(graduateGaps(all)).toEqual([]);
    for (const k of ["ANY", "COMPULSORY", "SKILL", "FILES"] as const) expect(isMissing(all, k)).toBe(false);
  });
  test("each missing item is named; files sent but not received is its own gap", () => {
    expect(graduateGaps(none)).toEqual(["成绩档案未送回原初中", "缺义务教育证书", "缺职业技能等级证书"]);
    expect(graduateGaps({ ...all, gradesReceived: false })).toEqual(["原初中未登记接收档案"]);
  });
  test("缺任一证书 = either certificate missing, not the files", () => {
    expect(isMissing({ ...all, skillCertificates: 0 }, "ANY")).toBe(true);
    expect(isMissing({ ...all, compulsoryCertificate: false }, "ANY")).toBe(true);
    expect(isMissing({ ...all, gradesSent: false, gradesReceived: false }, "ANY")).toBe(false);
    expect(isMissing({ ...all, gradesReceived: false }, "FILES")).toBe(true);
  });
});

describe("continuation path ↔ autumn registration", () => {
  test("only 继续在本校就读中职 registers 中职学籍", () => {
    expect(registrationFor("CONTINUE_HERE")).toBe("REGISTERED");
    expect(registrationFor("OTHER_HIGH_SCHOOL")).toBe("NOT_CONTINUING");
    expect(registrationFor("OTHER")).toBe("NOT_CONTINUING");
  });
  test("a decision against the path is refused in Chinese; no path = no constraint", () => {
    expect(pathConflict("李明", null, "REGISTERED")).toBeNull();
    expect(pathConflict("李明", "CONTINUE_HERE", "REGISTERED")).toBeNull();
    expect(pathConflict("李明", "OTHER_HIGH_SCHOOL", "REGISTERED")).toMatch(/李明的升学去向为“报考其他高中阶段学校”，不能在本校注册中职学籍/);
    expect(pathConflict("李明", "CONTINUE_HERE", "NOT_CONTINUING")).toMatch(/应注册中职学籍/);
  });
});
