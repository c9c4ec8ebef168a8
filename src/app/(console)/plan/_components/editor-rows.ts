import type { EditorRows } from "@/server/plan/read";
import type { EditorCounty, EditorSchool } from "./plan-editor";

const s = (n: number | null) => (n === null ? "" : String(n));

export function toEditorRows(rows: EditorRows): { counties: EditorCounty[]; schools: EditorSchool[] } {
  return {
    counties: rows.counties.map((c) => ({ countyId: c.countyId, countyName: c.countyName, cohortBase: s(c.cohortBase), sendOffCap: s(c.sendOffCap), shanghaiTask: s(c.shanghaiTask) })),
    schools: rows.vocationalSchools.map((v) => ({ vocationalSchoolId: v.vocationalSchoolId, schoolName: v.schoolName, enrolCap: s(v.enrolCap), shanghaiTask: s(v.shanghaiTask) })),
  };
}
