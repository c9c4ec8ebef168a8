import "server-only";
import { writeRosterWorkbook, type Annex4Row, type RosterLayout } from "./annex4";

/**
 * 附件6 楚雄州义务教育职教班注册中职学籍学生名单 (SPEC §8).
 *
 * The policy: "本表与上报的附件4为同一表，只需在“流失”栏注明学生流失的原因和有无有效证明即可" —
 * so it is the 附件4 writer (same header rows, merges, sort and text cells) with the group 流失
 * merged over two more columns, K 原因 and L 有无有效证明.
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

export const ANNEX6_LAYOUT: RosterLayout<Annex6Row> = {
  label: ANNEX6_LABEL,
  title: ANNEX6_TITLE,
  extra: {
    group: ANNEX6_LOSS_GROUP,
    columns: [
      { header: ANNEX6_LOSS_HEADERS[0], width: 26, value: (r) => r.lossReason },
      { header: ANNEX6_LOSS_HEADERS[1], width: 12, value: (r) => r.lossProof },
    ],
  },
};

export async function writeAnnex6(output: NodeJS.WritableStream, sheets: { schoolName: string; rows: Annex6Row[] }[]) {
  return writeRosterWorkbook(output, sheets, ANNEX6_LAYOUT, "注册中职学籍学生名单");
}
