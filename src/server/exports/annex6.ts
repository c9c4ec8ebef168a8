import "server-only";
import { NOTES_INDENT, rosterWorkbookBytes, type Annex4Row, type RosterLayout } from "./annex4";

/**
 * 附件6 楚雄州义务教育职教班注册中职学籍学生名单 (SPEC §8).
 *
 * The policy: "本表与上报的附件4为同一表，只需在“流失”栏注明学生流失的原因和有无有效证明即可" —
 * so it is the 附件4 writer (same header rows, merges, sort and text cells) with the group 流失
 * merged over two more columns, K 原因 and L 有无有效证明.
 *
 * The 填报说明 under the table are the policy's words, including its note 1 that calls the
 * roster "附件 3《楚雄州义务教育职教班在读学生名单》" (the roster is 附件4): the form is printed as
 * the bureau issued it (docs/decisions/040-annex-exports-as-printed.md).
 */
export type Annex6Row = Annex4Row & {
  /** 流失 原因: the leave type (with the other school or the reason), "" for a student still enrolled */
  lossReason: string;
  /** 有无有效证明: 有 / 无 for a leaver, "" otherwise */
  lossProof: string;
};

export const ANNEX6_LABEL = "附件6";
export const ANNEX6_TITLE = "楚雄州义务教育职教班注册中职学籍学生名单";
export const ANNEX6_LOSS_GROUP = "流失";
export const ANNEX6_LOSS_HEADERS = ["原因", "有无有效证明"] as const;

export const ANNEX6_NOTES = [
  "填报说明：1. 本表与上报的附件 3《楚雄州义务教育职教班在读学生名单》为同一表，只需在“流失”栏注明学生流失的原因和有无有效证明即可。",
  `${NOTES_INDENT}2. “有效证明”指学生回原初中学校就读的或到其他高中阶段学校就读的，原初中学校或其他高中阶段学校出具回校就读或在读的书面证明。`,
  `${NOTES_INDENT}3. 本表于每年秋季学期义务教育职教班学生注册中职学籍后上报。`,
];

export const ANNEX6_LAYOUT: RosterLayout<Annex6Row> = {
  label: ANNEX6_LABEL,
  title: ANNEX6_TITLE,
  notes: () => ANNEX6_NOTES,
  extra: {
    group: ANNEX6_LOSS_GROUP,
    columns: [
      { header: ANNEX6_LOSS_HEADERS[0], width: 26, value: (r) => r.lossReason },
      { header: ANNEX6_LOSS_HEADERS[1], width: 12, value: (r) => r.lossProof },
    ],
  },
};

/** The 附件6 workbook (.xlsx bytes): one sheet per school. */
export async function annex6Bytes(sheets: { schoolName: string; rows: Annex6Row[] }[], countyNames?: readonly string[]): Promise<Buffer> {
  return rosterWorkbookBytes(sheets, ANNEX6_LAYOUT, "注册中职学籍学生名单", countyNames);
}

/** Writes the 附件6 workbook to `output` and ends it. */
export async function writeAnnex6(output: NodeJS.WritableStream, sheets: { schoolName: string; rows: Annex6Row[] }[], countyNames?: readonly string[]) {
  output.end(await annex6Bytes(sheets, countyNames));
}
