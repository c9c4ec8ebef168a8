import "server-only";
import type ExcelJS from "exceljs";

/** A4 landscape, one page wide, centred, with "第 n 页，共 m 页" in the footer: the official annexes' print layout. */
export function annexSheetOptions(margins: { side: number; topBottom: number }): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: margins.side, right: margins.side, top: margins.topBottom, bottom: margins.topBottom, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "&C第 &P 页，共 &N 页" },
  };
}
