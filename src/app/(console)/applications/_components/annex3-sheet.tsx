import type { ReactNode } from "react";
import type { Annex3PrintForm, PrintSchoolChoice } from "@/server/applications/print";
import { GUARDIAN_RELATIONS, SEX_LABELS } from "@/lib/schemas/application-fields";
import { phoneDigits } from "@/lib/validators/phone";

/**
 * 附件3 楚雄州义务教育职教班报名申请表, pre-filled, in the official layout on one A4 page, in the
 * annex's own words ("就读……专业为……（可不填）"). Fields the form says may stay empty ("可不填") are
 * left blank for handwriting when empty; signatures and the school seal are always left for ink.
 * Used by the single print page and the batch print page (one form per sheet: CSS page breaks).
 */

export const ANNEX3_PRINT_CSS = `
@page { size: A4 portrait; margin: 12mm 14mm; }
@media print {
  html, body { background: #fff !important; }
  main { padding: 0 !important; max-width: none !important; }
  .annex3-sheet { box-shadow: none !important; border: 0 !important; padding: 0 !important; margin: 0 !important; width: auto !important; }
  /* a batch: one form per A4 sheet */
  .annex3-sheet { break-after: page; page-break-after: always; }
  .annex3-sheet:last-of-type { break-after: auto; page-break-after: auto; }
}
.annex3-sheet { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Noto Sans CJK SC", serif; color: #000; }
.annex3-sheet table { border-collapse: collapse; width: 100%; table-layout: fixed; }
.annex3-sheet td { border: 1px solid #000; padding: 1.2mm 1.5mm; font-size: 10.5pt; line-height: 1.5; vertical-align: middle; }
.annex3-sheet td.l { text-align: center; }
.annex3-sheet .box { display: inline-flex; width: 5mm; height: 6mm; border: 1px solid #000; margin-left: -1px; align-items: center; justify-content: center; font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; font-size: 10.5pt; }
.annex3-sheet .box:first-child { margin-left: 0; }
.annex3-sheet .tick { display: inline-flex; width: 3.6mm; height: 3.6mm; border: 1px solid #000; align-items: center; justify-content: center; font-size: 9pt; line-height: 1; vertical-align: -0.4mm; margin: 0 0.4mm; }
.annex3-sheet .blank { display: inline-block; min-width: 22mm; border-bottom: 1px solid #000; text-align: center; padding: 0 1mm; }
`;

function Boxes({ value, count }: { value: string; count: number }) {
  const chars = Array.from(value);
  return (
    <span className="inline-flex" aria-label={value || "（空）"}>
      {Array.from({ length: count }, (_, i) => <span key={i} className="box">{chars[i] ?? ""}</span>)}
    </span>
  );
}

function Blank({ children, min }: { children?: ReactNode; min?: string }) {
  return <span className="blank" style={min ? { minWidth: min } : undefined}>{children || " "}</span>;
}

/** A phone in its boxes ("0878-1234567" as its 11 digits); a student without a phone: "无". */
function PhoneBoxes({ value }: { value: string }) {
  const digits = phoneDigits(value);
  if (!digits) return <span>{value.trim() || ""}</span>;
  return <Boxes value={digits} count={Math.max(11, digits.length)} />;
}

export function Annex3Sheet({ form: f, schools }: { form: Annex3PrintForm; schools: PrintSchoolChoice[] }) {
  const [y, m, d] = (f.reviewDate ?? "").split("-");
  return (
    <article className="annex3-sheet mx-auto mb-6 w-[210mm] bg-white px-[14mm] py-[12mm] shadow-md" aria-label={`楚雄州义务教育职教班报名申请表：${f.studentName}`}>
      <p style={{ fontSize: "12pt", fontFamily: "SimHei, 'Noto Sans CJK SC', sans-serif" }}>附件3</p>
      <h1 style={{ textAlign: "center", fontSize: "17pt", fontWeight: 700, margin: "3mm 0 4mm", fontFamily: "SimHei, 'Noto Sans CJK SC', sans-serif" }}>
        楚雄州义务教育职教班报名申请表
      </h1>
      <table>
        <colgroup>
          <col style={{ width: "15mm" }} />
          <col style={{ width: "24mm" }} />
          <col style={{ width: "30mm" }} />
          <col style={{ width: "13mm" }} />
          <col style={{ width: "18mm" }} />
          <col style={{ width: "22mm" }} />
          <col />
        </colgroup>
        <tbody>
          <tr style={{ height: "11mm" }}>
            <td className="l" rowSpan={2}>所在<br />学校</td>
            <td className="l">初中学校名</td>
            <td colSpan={3}>{f.middleSchoolLabel}</td>
            <td className="l">班级名</td>
            <td>{f.className}</td>
          </tr>
          <tr style={{ height: "11mm" }}>
            <td className="l">班主任姓名</td>
            <td colSpan={3}>{f.headTeacherName}</td>
            <td className="l">联系电话</td>
            <td><PhoneBoxes value={f.headTeacherPhone} /></td>
          </tr>
          <tr style={{ height: "11mm" }}>
            <td className="l" rowSpan={7}>申请<br />人信<br />息</td>
            <td className="l">学生姓名</td>
            <td>{f.studentName}</td>
            <td className="l">性别</td>
            <td className="l">{SEX_LABELS[f.sex]}</td>
            <td className="l">联系电话</td>
            <td><PhoneBoxes value={f.studentPhone} /></td>
          </tr>
          <tr style={{ height: "11mm" }}>
            <td className="l">家庭住址</td>
            <td colSpan={5}>
              <Blank>{f.address.county}</Blank>县（市）<Blank>{f.address.township}</Blank>乡（镇）<Blank>{f.address.village}</Blank>村（居）委会<Blank>{f.address.street}</Blank>村（街）
            </td>
          </tr>
          <tr style={{ height: "11mm" }}>
            <td className="l">初中学籍号</td>
            <td colSpan={5}><Boxes value={f.studentNumber} count={14} /></td>
          </tr>
          <tr style={{ height: "11mm" }}>
            <td className="l">身份证号码</td>
            <td colSpan={5}><Boxes value={f.idNumber} count={18} /></td>
          </tr>
          <tr>
            <td className="l">法定监护人姓名</td>
            <td className="l" colSpan={3}>与学生的关系</td>
            <td className="l" colSpan={2}>联系电话</td>
          </tr>
          <tr style={{ height: "11mm" }}>
            <td className="l">{f.guardianName}</td>
            <td className="l" colSpan={3}>
              {GUARDIAN_RELATIONS.map((r) => (
                <span key={r} style={{ marginRight: "2.5mm", whiteSpace: "nowrap" }}>
                  {r}{r === f.guardianRelation ? <strong aria-label="已选">√</strong> : null}
                </span>
              ))}
            </td>
            <td colSpan={2}><PhoneBoxes value={f.guardianPhone} /></td>
          </tr>
          <tr style={{ height: "22mm" }}>
            <td className="l">申请人签字</td>
            <td colSpan={2} style={{ verticalAlign: "top" }}>学生本人签字（手印）</td>
            <td colSpan={3} style={{ verticalAlign: "top" }}>法定监护人签字（手印）</td>
          </tr>
          <tr style={{ height: "18mm" }}>
            <td className="l" colSpan={2}>申请事由</td>
            <td colSpan={5}>
              我（我孩子）因学习困难，难以跟上学习进度，{f.reason ? <u>{f.reason}</u> : <Blank min="50mm" />}（可不填），自愿申请就读义务教育职教班。
            </td>
          </tr>
          <tr>
            <td className="l" colSpan={2}>报名就读学校<br />和专业</td>
            <td colSpan={5} style={{ lineHeight: 1.9 }}>
              报名就读：
              {schools.map((s, i) => (
                <span key={s.id} style={{ whiteSpace: "nowrap" }}>
                  {s.name}
                  <span className="tick" aria-label={s.id === f.vocationalSchoolId ? "已选" : undefined}>{s.id === f.vocationalSchoolId ? "√" : ""}</span>
                  {i < schools.length - 1 ? "、" : ""}
                </span>
              ))}
              的义务教育职教班（选择一所职业学校在后面的“□”内打“√”），就读<Blank min="16mm" />专业为<Blank>{f.major ?? ""}</Blank>（可不填）。
            </td>
          </tr>
          <tr style={{ height: "30mm" }}>
            <td className="l" colSpan={2}>初中学校<br />审核意见</td>
            <td colSpan={5} style={{ verticalAlign: "bottom" }}>
              <div style={{ minHeight: "10mm", fontSize: "12pt" }}>
                {f.reviewDecision === null ? "" : f.reviewDecision ? "同意" : "不同意"}
              </div>
              <div style={{ textAlign: "right", paddingRight: "6mm" }}>
                <div>学校盖章</div>
                <div>
                  {y ? `${y}年${Number(m)}月${Number(d)}日` : <>20<Blank min="8mm" />年<Blank min="8mm" />月<Blank min="8mm" />日</>}
                </div>
              </div>
            </td>
          </tr>
        </tbody>
      </table>
      <div style={{ fontSize: "9.5pt", lineHeight: 1.6, marginTop: "3mm" }}>
        <p>填表说明：1.“初中学校名”填写为“县市名+学校名”，可由初中学校统一设置打印好。表中其他栏目必须由申请人填写，严禁强制填写。“初中学校审核意见”必须意见明确是同意还是不同意。</p>
        <p style={{ textIndent: "5em" }}>2.“联系电话”原则上填写手机号码 11 位。“初中学籍号”必须填写足 14 位，“身份证号码”必须填写足 18 位。“与学生的关系”直接在文字表述上打“√”。学生本人和法定监护人必须签字按手印后才视为本申请书有效。</p>
        <p style={{ textIndent: "5em" }}>3. 本表填写 1 份，原件由初中学校留存，复印 1 份在送读时交有关职业学校。</p>
      </div>
    </article>
  );
}
