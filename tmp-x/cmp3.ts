const p = require.resolve("server-only"); require.cache[p] = { id: p, filename: p, loaded: true, exports: {} } as any;
import JSZip from "jszip";
async function main() {
  const a = await import("./annex3-old"); const b = await import("../src/server/exports/annex3");
  const row = (i: number) => ({ middleSchoolLabel: "楚雄市第一中学", className: "九年级1班", headTeacherName: "张老师", headTeacherPhone: "0878-1234", studentName: "李四" + i, sex: "男", studentPhone: "13900000000", address: { county: "楚雄市", township: "鹿城镇", village: "某村委会", street: "某街" }, studentNumber: "0123", idNumber: "53230120060101001X", guardianName: "李三", guardianRelation: "父亲", guardianPhone: "13700000000", reason: "", vocationalSchool: "楚雄技师学院", major: "汽修", review: "同意", reviewDate: "2020-05-01", eligibilityGround: "学业困难", shanghaiFlag: "否", studentSigned: "是", guardianSigned: "是", status: "已送读" });
  const rows = Array.from({ length: 50 }, (_, i) => row(i));
  const za = await JSZip.loadAsync(await a.writeAnnex3({ middleSchoolLabel: "x", year: 2020 }, rows));
  const zb = await JSZip.loadAsync(await b.writeAnnex3({ middleSchoolLabel: "x", year: 2020 }, rows));
  let same = 0;
  for (const name of Object.keys(za.files)) {
    const x = await za.file(name)?.async("string"), y = await zb.file(name)?.async("string");
    if (x === y) same++; else console.log("DIFF", name, x?.length, y?.length);
  }
  console.log("same files", same, "of", Object.keys(za.files).length, Object.keys(zb.files).length);
}
main();
