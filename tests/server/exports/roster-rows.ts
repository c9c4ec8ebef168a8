// Rows and a stream sink for the 附件4 / 附件6 print tests.
import { PassThrough } from "node:stream";
import type { Annex4Row } from "@/server/exports/annex4";

export const ROSTER_COUNTIES = ["楚雄市", "双柏县", "牟定县", "南华县", "姚安县", "大姚县", "永仁县", "元谋县", "武定县", "禄丰县"];

export function rosterRow(i: number): Annex4Row {
  const county = ROSTER_COUNTIES[i % 3];
  return {
    studentName: `学生${String(i).padStart(3, "0")}`,
    sex: i % 2 ? "男" : "女",
    idNumber: `5323012006${String(i).padStart(7, "0")}X`,
    countyName: county,
    countyOrder: ROSTER_COUNTIES.indexOf(county) + 1,
    middleSchoolName: `${county}第一中学`,
    middleSchoolClass: `九年级（${(i % 4) + 1}）班`,
    studentNumber: `0532301201${String(i).padStart(4, "0")}`,
    vocationalClass: "2020级汽修1班",
    vocationalStudentNo: `2020${String(i).padStart(4, "0")}`,
  };
}

export async function written(write: (out: PassThrough) => Promise<void>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  await write(stream);
  return Buffer.concat(chunks);
}

