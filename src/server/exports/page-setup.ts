import "server-only";
import type ExcelJS from "exceljs";

/** The footer of every printed annex page: "第 1 页 共 3 页". */
export const ANNEX_FOOTER = "&C第 &P 页 共 &N 页";

/**
 * A4 landscape, one page wide, centred, with "第 n 页 共 m 页" in the footer: the official
 * annexes' print layout. `printTitlesRow` ("4:5") repeats the table's header rows on every page.
 */
export function annexSheetOptions(
  margins: { side: number; topBottom: number },
  options: { printTitlesRow?: string } = {},
): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: margins.side, right: margins.side, top: margins.topBottom, bottom: margins.topBottom, header: 0.3, footer: 0.3 },
      ...(options.printTitlesRow ? { printTitlesRow: options.printTitlesRow } : {}),
    },
    headerFooter: { oddFooter: ANNEX_FOOTER },
  };
}

/** Display width of a text in Excel column units: a Chinese character counts 2, others 1. */
export function textWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u0000-\u00ff]/.test(ch) ? 1 : 2;
  return n;
}

/**
 * Height (points) of a row holding `text` wrapped in a merged cell `width` units wide.
 * Excel and WPS do not grow merged cells to fit their text, so the writer sets it.
 */
export function wrappedRowHeight(text: string, width: number, lineHeight = 15): number {
  const lines = Math.max(1, Math.ceil(textWidth(text) / Math.max(1, width * 0.95)));
  return lines * lineHeight + 4;
}
