const p = require.resolve("server-only"); require.cache[p] = { id: p, filename: p, loaded: true, exports: {} } as any;
async function main() {
  const { writeAnnex3 } = await import("/work/main/src/server/exports/annex3");
  const row = { middleSchoolLabel: "楚雄市第一中学", className: "九年级1班", headTeacherName: "张老师", headTeacherPhone: "13800000000", studentName: "李四", sex: "男", studentPhone: "13900000000", address: { county: "楚雄市", township: "鹿城镇", village: "某村委会", street: "某街" }, studentNumber: "G53230120060101", idNumber: "53230120060101001X", guardianName: "李三", guardianRelation: "父亲", guardianPhone: "13700000000", reason: "学习困难", vocationalSchool: "楚雄技师学院", major: "汽修", review: "同意", reviewDate: "2020-05-01", eligibilityGround: "学业困难", shanghaiFlag: "否", studentSigned: "是", guardianSigned: "是", status: "已送读" };
  for (const n of (process.env.NS ?? "0,6,60,600").split(",").map(Number)) {
    const rows = Array.from({ length: n }, () => row);
    for (let i = 0; i < 3; i++) await writeAnnex3({ middleSchoolLabel: "x", year: 2020 }, rows);
    const c0 = process.cpuUsage(); const t0 = performance.now();
    let size = 0;
    for (let i = 0; i < 10; i++) size = (await writeAnnex3({ middleSchoolLabel: "x", year: 2020 }, rows)).length;
    const c = process.cpuUsage(c0);
    console.log(n, "rows", ((c.user + c.system) / 10000).toFixed(1), "ms cpu", ((performance.now() - t0) / 10).toFixed(1), "ms wall", size, "bytes");
  }
}
main();
