import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { idCheckDigit, maskIdNumber, validateIdNumber } from "@/lib/validators/id-number";
import { maskPhone, validateMobile } from "@/lib/validators/phone";
import { validateStudentNumber } from "@/lib/validators/student-number";

// ---------------------------------------------------------------------------
// Independent oracle for GB 11643 / ISO 7064 MOD 11-2 (recomputes the weights
// as 2^(17−i) mod 11 instead of using the module's table).
// ---------------------------------------------------------------------------

function oracleCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? "X" : String(c);
}

const TODAY = "2025-06-01";
const DIGITS = "0123456789";
const ID_CHARS = [...DIGITS, "X"];

const digitString = (n: number) => fc.string({ unit: fc.constantFrom(...DIGITS), minLength: n, maxLength: n });

const birthDateArb = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2015-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A valid ID number together with the facts it encodes. */
const validIdArb = fc.tuple(digitString(6), birthDateArb, digitString(3)).map(([region, birth, seq]) => {
  const first17 = region + birth.replace(/-/g, "") + seq;
  return {
    id: first17 + oracleCheckChar(first17),
    birthDate: birth,
    sex: Number(seq[2]) % 2 === 1 ? "MALE" : "FEMALE",
  };
});

/** A valid ID with exactly one position replaced by a different character of [0-9X]. */
const corruptedIdArb = fc
  .tuple(validIdArb, fc.nat({ max: 17 }), fc.integer({ min: 1, max: ID_CHARS.length - 1 }))
  .map(([{ id }, pos, shift]) => {
    const replacement = ID_CHARS[(ID_CHARS.indexOf(id[pos]) + shift) % ID_CHARS.length];
    return { original: id, pos, replacement, corrupted: id.slice(0, pos) + replacement + id.slice(pos + 1) };
  });

describe("idCheckDigit", () => {
  test("agrees with the independent oracle", () => {
    fc.assert(fc.property(digitString(17), (first17) => idCheckDigit(first17) === oracleCheckChar(first17)));
  });

  test("GB 11643 example", () => {
    expect(idCheckDigit("11010519491231002")).toBe("X");
  });

  test("rejects input that is not 17 digits", () => {
    expect(() => idCheckDigit("1101051949123100")).toThrow(RangeError);
    expect(() => idCheckDigit("1101051949123100A")).toThrow(RangeError);
  });
});

describe("validateIdNumber", () => {
  test("property: every generated valid ID passes, with its birth date and sex", () => {
    fc.assert(
      fc.property(validIdArb, ({ id, birthDate, sex }) => {
        const r = validateIdNumber(id, TODAY);
        expect(r).toEqual({ ok: true, value: id, birthDate, sex });
      }),
      { numRuns: 500 },
    );
  });

  test("property: lower-case x is accepted and normalised to X", () => {
    fc.assert(
      fc.property(
        validIdArb.filter(({ id }) => id.endsWith("X")),
        ({ id }) => {
          const r = validateIdNumber(id.toLowerCase(), TODAY);
          expect(r.ok && r.value).toBe(id);
        },
      ),
    );
  });

  test("property: MOD 11-2 detects every single-character substitution", () => {
    fc.assert(
      fc.property(corruptedIdArb, ({ corrupted, pos, replacement }) => {
        // the arithmetic claim itself, independent of the date rules
        if (replacement !== "X" || pos === 17) {
          const first17 = corrupted.slice(0, 17);
          if (/^\d{17}$/.test(first17)) expect(oracleCheckChar(first17)).not.toBe(corrupted[17]);
        }
        // and the validator refuses it
        expect(validateIdNumber(corrupted, TODAY).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  test("exhaustive: all 18 × 10 substitutions of one known ID fail", () => {
    const id = "532301200803151238";
    for (let pos = 0; pos < 18; pos++) {
      for (const c of ID_CHARS) {
        if (c === id[pos]) continue;
        const corrupted = id.slice(0, pos) + c + id.slice(pos + 1);
        expect(validateIdNumber(corrupted, TODAY).ok, corrupted).toBe(false);
      }
    }
  });

  test("known: 11010519491231002X is a valid female ID", () => {
    expect(validateIdNumber("11010519491231002X", TODAY)).toEqual({
      ok: true,
      value: "11010519491231002X",
      birthDate: "1949-12-31",
      sex: "FEMALE",
    });
    const lower = validateIdNumber("11010519491231002x", TODAY);
    expect(lower.ok && lower.value).toBe("11010519491231002X");
  });

  test("known: valid male ID; surrounding spaces and full-width digits accepted", () => {
    expect(validateIdNumber("532301200803151238", TODAY)).toMatchObject({ ok: true, sex: "MALE", birthDate: "2008-03-15" });
    expect(validateIdNumber("  532301200803151238 ", TODAY)).toMatchObject({ ok: true, value: "532301200803151238" });
    expect(validateIdNumber("５３２３０１２００８０３１５１２３８", TODAY)).toMatchObject({
      ok: true,
      value: "532301200803151238",
    });
  });

  test("known: changed check digit fails with the check-digit message", () => {
    expect(validateIdNumber("532301200803151239", TODAY)).toEqual({
      ok: false,
      message: "身份证号码校验位不正确，请逐位核对",
    });
    expect(validateIdNumber("110105194912310021", TODAY)).toEqual({
      ok: false,
      message: "身份证号码校验位不正确，请逐位核对",
    });
  });

  test("known: Feb 30 is not a birth date, even with a correct check digit", () => {
    const id = "532301200802301230"; // check digit correct for the first 17
    expect(oracleCheckChar(id.slice(0, 17))).toBe(id[17]);
    const r = validateIdNumber(id, TODAY);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain("出生日期");
    expect(!r.ok && r.message).toContain("20080230");
  });

  const withCheck = (first17: string) => first17 + oracleCheckChar(first17);

  test("calendar: leap days, month ends, year ≥ 1900, not in the future", () => {
    expect(validateIdNumber(withCheck("53230120080229123"), TODAY).ok).toBe(true);
    expect(validateIdNumber(withCheck("53230120000229123"), TODAY).ok).toBe(true);
    expect(validateIdNumber(withCheck("53230120090229123"), TODAY).ok).toBe(false);
    expect(validateIdNumber(withCheck("53230119000229123"), TODAY).ok).toBe(false); // 1900 not leap
    expect(validateIdNumber(withCheck("53230120080431123"), TODAY).ok).toBe(false);
    expect(validateIdNumber(withCheck("53230120081301123"), TODAY).ok).toBe(false);
    expect(validateIdNumber(withCheck("53230120080001123"), TODAY).ok).toBe(false);
    expect(validateIdNumber(withCheck("53230120080100123"), TODAY).ok).toBe(false);

    const early = validateIdNumber(withCheck("53230118991231123"), TODAY);
    expect(!early.ok && early.message).toContain("1900");
    expect(validateIdNumber(withCheck("53230119000101123"), TODAY).ok).toBe(true);

    expect(validateIdNumber(withCheck("53230120250601123"), TODAY).ok).toBe(true); // born today
    const future = validateIdNumber(withCheck("53230120250602123"), TODAY);
    expect(future.ok).toBe(false);
    expect(!future.ok && future.message).toContain("出生日期");
  });

  test("today may be an instant, read in China time", () => {
    const id = withCheck("53230120250602123");
    // 2025-06-01T16:30Z is already 2025-06-02 00:30 in Shanghai
    expect(validateIdNumber(id, new Date("2025-06-01T16:30:00Z")).ok).toBe(true);
    expect(validateIdNumber(id, new Date("2025-06-01T15:30:00Z")).ok).toBe(false);
  });

  test("distinct messages for length, characters, birth date and check digit", () => {
    const len = validateIdNumber("53230120080315123", TODAY);
    expect(!len.ok && len.message).toMatch(/^身份证号码应为18位，当前为17位/);
    const len19 = validateIdNumber("5323012008031512380", TODAY);
    expect(!len19.ok && len19.message).toMatch(/^身份证号码应为18位，当前为19位/);

    const chars = validateIdNumber("5323A1200803151238", TODAY);
    expect(!chars.ok && chars.message).toContain("第5位应为数字");
    const xInside = validateIdNumber("53230120080315X238", TODAY);
    expect(!xInside.ok && xInside.message).toContain("第15位应为数字");
    const last = validateIdNumber("53230120080315123Y", TODAY);
    expect(!last.ok && last.message).toContain("第18位应为数字或X");

    const empty = validateIdNumber("", TODAY);
    expect(!empty.ok && empty.message).toContain("请填写身份证号码");
    expect(validateIdNumber(undefined, TODAY).ok).toBe(false);

    const messages = [len, chars, validateIdNumber("532301200802301230", TODAY), validateIdNumber("532301200803151239", TODAY)].map(
      (r) => (r.ok ? "" : r.message),
    );
    expect(new Set(messages).size).toBe(4);
    for (const m of messages) expect(m).toContain("身份证号码");
  });

  test("property: never throws, and every failure message is Chinese and names the field", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 25 }), (s) => {
        const r = validateIdNumber(s, TODAY);
        if (!r.ok) expect(r.message).toContain("身份证号码");
      }),
    );
  });
});

describe("maskIdNumber", () => {
  test("18 characters: first 6 + 8 asterisks + last 4", () => {
    expect(maskIdNumber("532301200803151234")).toBe("532301********1234");
    expect(maskIdNumber("11010519491231002x")).toBe("110105********002X");
  });

  test("property: an 18-char mask never shows the birth date and keeps region and tail", () => {
    fc.assert(
      fc.property(validIdArb, ({ id }) => {
        const m = maskIdNumber(id);
        expect(m).toHaveLength(18);
        expect(m.slice(0, 6)).toBe(id.slice(0, 6));
        expect(m.slice(6, 14)).toBe("********");
        expect(m.slice(14)).toBe(id.slice(14));
      }),
    );
  });

  test("other lengths are masked safely", () => {
    expect(maskIdNumber("")).toBe("");
    expect(maskIdNumber(null)).toBe("");
    expect(maskIdNumber(undefined)).toBe("");
    expect(maskIdNumber("12")).toBe("**");
    // legacy 15-digit number: birth date (positions 7–12) hidden
    expect(maskIdNumber("110105491231002")).toBe("110105******002");
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 1, maxLength: 30 }), (s) => {
        const m = maskIdNumber(s);
        const visible = Array.from(m).filter((c) => c !== "*").length;
        expect(m).toHaveLength(s.length);
        expect(m).toContain("*");
        if (s.length >= 15) {
          // region and tail at most; positions 7 … n−3 (birth date) always hidden
          expect(visible).toBeLessThanOrEqual(10);
          expect(m.slice(6, s.length - 4)).toMatch(/^\*+$/);
        } else {
          expect(visible * 2).toBeLessThanOrEqual(s.length);
        }
      }),
    );
  });
});

// ---------------------------------------------------------------------------
// Mobile phones
// ---------------------------------------------------------------------------

const validMobileArb = fc
  .tuple(fc.constantFrom(..."3456789"), digitString(9))
  .map(([second, rest]) => `1${second}${rest}`);

describe("validateMobile", () => {
  test("property: generated valid mobiles pass unchanged", () => {
    fc.assert(fc.property(validMobileArb, (m) => {
      expect(validateMobile(m)).toEqual({ ok: true, value: m });
    }));
  });

  test("property: spaces and hyphens are stripped", () => {
    fc.assert(
      fc.property(validMobileArb, fc.constantFrom(" ", "-", " - "), (m, sep) => {
        const typed = `${m.slice(0, 3)}${sep}${m.slice(3, 7)}${sep}${m.slice(7)}`;
        expect(validateMobile(typed)).toEqual({ ok: true, value: m });
      }),
    );
  });

  test("property: length changes fail", () => {
    fc.assert(
      fc.property(validMobileArb, fc.nat({ max: 10 }), fc.constantFrom(...DIGITS), fc.boolean(), (m, pos, d, insert) => {
        const changed = insert ? m.slice(0, pos) + d + m.slice(pos) : m.slice(0, pos) + m.slice(pos + 1);
        const r = validateMobile(changed, "学生联系电话");
        expect(r.ok).toBe(false);
      }),
    );
    const r = validateMobile("1380013800", "学生联系电话");
    expect(!r.ok && r.message).toBe("学生联系电话应为11位手机号码，当前为10位，请核对");
  });

  test("property: a second digit of 0, 1 or 2 fails", () => {
    fc.assert(
      fc.property(validMobileArb, fc.constantFrom("0", "1", "2"), (m, d) => {
        const r = validateMobile(`1${d}${m.slice(2)}`, "监护人联系电话");
        expect(r.ok).toBe(false);
        expect(!r.ok && r.message).toContain("监护人联系电话第2位应为3–9");
      }),
    );
  });

  test("property: a letter anywhere fails", () => {
    fc.assert(
      fc.property(
        validMobileArb,
        fc.nat({ max: 10 }),
        fc.constantFrom(..."abcxyzABCXYZ"),
        (m, pos, letter) => {
          const r = validateMobile(m.slice(0, pos) + letter + m.slice(pos + 1), "班主任联系电话");
          expect(r.ok).toBe(false);
          expect(!r.ok && r.message).toContain("班主任联系电话只能填写数字");
        },
      ),
    );
  });

  test("other failures: empty, not starting with 1, landline", () => {
    const empty = validateMobile("  ");
    expect(!empty.ok && empty.message).toContain("请填写手机号码");
    expect(validateMobile("23800138000").ok).toBe(false);
    expect(validateMobile("0878-3123456").ok).toBe(false);
    expect(validateMobile(null).ok).toBe(false);
  });
});

describe("maskPhone", () => {
  test("11 digits: first 3 + **** + last 4", () => {
    expect(maskPhone("13812341234")).toBe("138****1234");
    expect(maskPhone("138-1234-1234")).toBe("138****1234");
  });
  test("other input masked safely", () => {
    expect(maskPhone("")).toBe("");
    expect(maskPhone(undefined)).toBe("");
    expect(maskPhone("123")).toBe("***");
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...DIGITS), minLength: 1, maxLength: 20 }), (s) => {
        const m = maskPhone(s);
        const visible = Array.from(m).filter((c) => c !== "*").length;
        expect(m).toHaveLength(s.length);
        if (s.length === 11) expect(visible).toBe(7);
        else expect(visible * 2).toBeLessThanOrEqual(s.length);
      }),
    );
  });
});

// ---------------------------------------------------------------------------
// 初中学籍号
// ---------------------------------------------------------------------------

describe("validateStudentNumber", () => {
  test("property: any 14 digits pass, unchanged (leading zeros kept)", () => {
    fc.assert(fc.property(digitString(14), (s) => {
      expect(validateStudentNumber(s)).toEqual({ ok: true, value: s });
    }));
    expect(validateStudentNumber("00012345678901")).toEqual({ ok: true, value: "00012345678901" });
  });

  test("property: 13 or 15 digits fail with the length message", () => {
    fc.assert(
      fc.property(fc.oneof(digitString(13), digitString(15)), (s) => {
        const r = validateStudentNumber(s);
        expect(r.ok).toBe(false);
        expect(!r.ok && r.message).toContain(`初中学籍号应为14位数字，当前为${s.length}位`);
      }),
    );
  });

  test("property: a letter fails", () => {
    fc.assert(
      fc.property(digitString(14), fc.nat({ max: 13 }), fc.constantFrom(..."GgAaXx"), (s, pos, letter) => {
        const r = validateStudentNumber(s.slice(0, pos) + letter + s.slice(pos + 1));
        expect(r.ok).toBe(false);
        expect(!r.ok && r.message).toContain("初中学籍号只能填写数字");
      }),
    );
    // the national "G"+ID form is not what 附件3 asks for
    expect(validateStudentNumber("G532301200803151238").ok).toBe(false);
  });

  test("empty fails; whitespace is removed", () => {
    const r = validateStudentNumber("");
    expect(!r.ok && r.message).toContain("请填写初中学籍号");
    expect(validateStudentNumber(" 0001 2345 6789 01 ")).toEqual({ ok: true, value: "00012345678901" });
  });
});
