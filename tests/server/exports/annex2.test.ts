import { describe, expect, test } from "vitest";
import ExcelJS from "exceljs";
import { buildAnnex2Workbook, type Annex2ExportData } from "@/server/exports/annex2";
import { parseAnnex2Workbook, type Annex2KnownNames } from "@/server/imports/annex2";
import { maxSendOffCap } from "@/lib/plan-rules";
import { COUNTIES_2020, SCHOOLS_2020 } from "../../../prisma/factories/plan-2020";

const DATA_2020: Annex2ExportData = {
  year: 2020,
  cohortBaseYear: 2017,
  counties: COUNTIES_2020,
  vocationalSchools: SCHOOLS_2020,
};
const KNOWN: Annex2KnownNames = {
  counties: COUNTIES_2020.map((c) => c.countyName),
  vocationalSchools: SCHOOLS_2020.map((s) => ({ name: s.schoolName, aliases: s.fullName ? [s.fullName] : [] })),
};

async function load(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

describe("buildAnnex2Workbook", () => {
  test("the policy's layout: title, header, rows side by side, computed 合计, 备注", async () => {
    const wb = await load(await buildAnnex2Workbook(DATA_2020));
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe("附件2");
    const text = (addr: string) => ws.getCell(addr).value;

    expect(text("A1")).toBe("附件2");
    expect(text("A2")).toBe("楚雄州2020年义务教育职教班送读招生计划");
    expect([1, 2, 3, 4, 5].map((c) => ws.getCell(3, c).value)).toEqual([
      "县 市",
      "初中毕业生（人）",
      "义教职教班\n送读控制在以下\n计划数以内",
      "职业学校",
      "义教职教班\n招生控制在以下\n计划数以内",
    ]);
    expect([text("A4"), text("B4"), text("C4"), text("D4"), text("E4")]).toEqual([
      "楚雄市",
      "6911",
      "2073（102※）",
      "楚雄市职中",
      "850",
    ]);
    expect([text("A13"), text("B13"), text("C13"), text("D13"), text("E13")]).toEqual([
      "禄丰县",
      "5244",
      "1573（99※）",
      "禄丰县职中",
      "900",
    ]);
    // 合计 computed from the rows (the policy printed 8892; the rows add up to 8893).
    expect([text("A14"), text("B14"), text("C14"), text("D14"), text("E14")]).toEqual([
      "合 计",
      "29640",
      "8893（600※）",
      "楚雄技师学院",
      "5000（180※）",
    ]);
    expect([text("D15"), text("E15")]).toEqual(["楚雄机电学校", "550（20※）"]);
    expect([text("D16"), text("E16")]).toEqual(["合 计", "8920（200※）"]);

    expect(text("A17")).toBe("备注：1. 县市“初中毕业生”数为2020年毕业的本届初一入学时（2017年）的学籍人数。");
    expect(String(text("A18")).trim()).toBe(
      "2. 县市“义教职教班送读计划”数必须控制在“初中毕业生”数的30%以内。括号内带※号的数据为2020年建档立卡贫困家庭学生东西协作送读上海的任务数。",
    );
    expect(String(text("A19")).trim()).toBe(
      "3. “义教职教班招生计划”数是根据各县市和职业学校办学条件、质量和上报的计划确定，2020年各有关职业学校必须按照此计划开展义务教育职教班精准招生。",
    );

    expect([...ws.model.merges].sort()).toEqual(["A15:C16", "A17:E17", "A18:E18", "A19:E19", "A2:E2"].sort());
  });

  test("text cells, borders, column widths, A4 landscape", async () => {
    const wb = await load(await buildAnnex2Workbook(DATA_2020));
    const ws = wb.worksheets[0];
    for (const addr of ["B4", "C4", "E4", "B14", "C14", "E16"]) {
      const cell = ws.getCell(addr);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt).toBe("@");
      expect(cell.border?.top?.style).toBe("thin");
      expect(cell.border?.right?.style).toBe("thin");
    }
    expect(ws.getCell("A3").font?.bold).toBe(true);
    expect(ws.getCell("C3").alignment?.wrapText).toBe(true);
    for (let c = 1; c <= 5; c++) expect(ws.getColumn(c).width).toBeGreaterThanOrEqual(12);
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe("landscape");
    expect(ws.pageSetup.fitToWidth).toBe(1);
  });

  test("version label, more schools than counties and the other way round", async () => {
    const wb = await load(
      await buildAnnex2Workbook({
        year: 2022,
        cohortBaseYear: 2019,
        counties: COUNTIES_2020.slice(0, 3),
        vocationalSchools: SCHOOLS_2020.slice(0, 1),
        versionLabel: "第2版（2022-03-01 修订）",
      }),
    );
    const ws = wb.worksheets[0];
    expect(ws.getCell("A2").value).toBe("楚雄州2022年义务教育职教班送读招生计划");
    expect(ws.getCell("C1").value).toBe("第2版（2022-03-01 修订）");
    expect(ws.getCell("A7").value).toBe("合 计");
    expect(ws.getCell("D5").value).toBe("合 计");
    expect(ws.getCell("E5").value).toBe("850");
    expect([...ws.model.merges].sort()).toEqual(["A2:E2", "A8:E8", "A9:E9", "A10:E10", "C1:E1", "D6:E7"].sort());
    expect(ws.getCell("A8").value).toBe("备注：1. 县市“初中毕业生”数为2022年毕业的本届初一入学时（2019年）的学籍人数。");
  });
});

describe("round trip through parseAnnex2Workbook", () => {
  test("a valid plan reads back unchanged and without problems", async () => {
    const counties = COUNTIES_2020.map((c) => ({ ...c, sendOffCap: Math.min(c.sendOffCap, maxSendOffCap(c.cohortBase)) }));
    const result = await parseAnnex2Workbook(
      await buildAnnex2Workbook({ ...DATA_2020, counties, versionLabel: "2020年 第1版" }),
      KNOWN,
    );
    expect(result).toEqual({
      year: 2020,
      counties,
      vocationalSchools: SCHOOLS_2020.map(({ schoolName, enrolCap, shanghaiTask }) => ({ schoolName, enrolCap, shanghaiTask })),
      problems: [],
    });
  });

  test("the printed 2020 figures read back with only the seven caps above ⌊30%⌋ (totals are computed)", async () => {
    const result = await parseAnnex2Workbook(await buildAnnex2Workbook(DATA_2020), KNOWN);
    if ("fatal" in result) throw new Error(result.fatal);
    expect(result.counties).toEqual(COUNTIES_2020);
    expect(result.problems.map((p) => `${p.column}${p.row} ${p.message}`)).toEqual([
      "C5 双柏县送读计划不得超过 501 人（1673 × 30% = 501.9）",
      "C6 牟定县送读计划不得超过 566 人（1889 × 30% = 566.7）",
      "C7 南华县送读计划不得超过 853 人（2846 × 30% = 853.8）",
      "C8 姚安县送读计划不得超过 522 人（1742 × 30% = 522.6）",
      "C9 大姚县送读计划不得超过 835 人（2786 × 30% = 835.8）",
      "C11 元谋县送读计划不得超过 705 人（2353 × 30% = 705.9）",
      "C12 武定县送读计划不得超过 932 人（3109 × 30% = 932.7）",
    ]);
  });
});
