import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { detectFileType } from "@/server/documents/file-type";
import { checkUpload } from "@/server/documents/documents";
import { fakeExe, tinyPdf, tinyPng } from "../../../prisma/factories/applications";

describe("detectFileType (from the bytes, never the name)", () => {
  test("the three accepted kinds", () => {
    expect(detectFileType(tinyPng())?.mimeType).toBe("image/png");
    expect(detectFileType(tinyPdf())?.mimeType).toBe("application/pdf");
    expect(detectFileType(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0, 0]))?.mimeType).toBe("image/jpeg");
  });

  test("Word and Excel files are told apart by the parts inside the ZIP, not by the name", () => {
    const zip = (entry: string) => {
      const name = Buffer.from(entry);
      const header = Buffer.alloc(30);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt16LE(name.length, 26);
      return new Uint8Array(Buffer.concat([header, name, Buffer.alloc(16)]));
    };
    expect(detectFileType(zip("word/document.xml"))?.extension).toBe("docx");
    expect(detectFileType(zip("xl/workbook.xml"))?.extension).toBe("xlsx");
    expect(detectFileType(zip("content.xml"))).toBeNull(); // an OpenDocument or any other ZIP
    // The signed-form upload still accepts only scans and photos.
    expect(() => checkUpload({ name: "申请表.docx", bytes: zip("word/document.xml") })).toThrow(/不是JPG、PNG 图片或 PDF 文件/);
  });

  test("an executable, a zip, text, an empty file and truncated signatures are refused", () => {
    expect(detectFileType(fakeExe())).toBeNull();
    expect(detectFileType(new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBeNull();
    expect(detectFileType(new TextEncoder().encode("hello.pdf"))).toBeNull();
    expect(detectFileType(new Uint8Array())).toBeNull();
    expect(detectFileType(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(detectFileType(new TextEncoder().encode("%PDF"))).toBeNull();
    expect(detectFileType(new Uint8Array([0xff, 0xd8]))).toBeNull();
  });

  test("any bytes not starting with a signature are refused", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), (bytes) => {
        const ok = detectFileType(bytes) !== null;
        const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
        expect(ok).toBe(
          starts([0xff, 0xd8, 0xff]) || starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) || starts([0x25, 0x50, 0x44, 0x46, 0x2d]),
        );
      }),
    );
  });
});
