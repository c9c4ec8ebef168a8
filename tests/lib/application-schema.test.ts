import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { FORM_ERROR_KEY, type ApplicationInput, applicationFromFormData, applicationInputSchema, createApplicationInputSchema, fieldErrorsOf, validateApplication } from "@/lib/schemas/application";
import { APPLICATION_FIELD_LABELS, ELIGIBILITY_GROUND_LABELS, ELIGIBILITY_GROUNDS, GUARDIAN_RELATION_CODES, GUARDIAN_RELATION_LABELS, GUARDIAN_RELATIONS, guardianRelationFromCode } from "@/lib/schemas/application-fields";

const TODAY = "2025-06-01";
const schema = createApplicationInputSchema({ today: TODAY });

const MALE_ID = "532301200803151238"; // 17th digit 3 → male
const FEMALE_ID = "11010519491231002X"; // 17th digit 2 → female

function validRaw() {
  return {
    className: "九年级（3）班",
    headTeacherName: "李老师",
    headTeacherPhone: "13887812345",
    studentName: "张三",
    sex: "MALE",
    studentPhone: "15912345678",
    address: { county: "楚雄市", township: "东瓜镇", village: "东瓜村委会", street: "小组" },
    studentNumber: "05323012345678",
    idNumber: MALE_ID,
    guardianName: "张大山",
    guardianRelation: "父子",
    guardianPhone: "18687654321",
    reason: "",
    vocationalSchoolId: "vs-chuxiong-city",
    major: "",
    eligibilityGround: "LEARNING_DIFFICULTY",
    shanghaiFlag: false,
  };
}

function errorsOf(raw: unknown): Record<string, string> {
  const r = schema.safeParse(raw);
  expect(r.success).toBe(false);
  return r.success ? {} : fieldErrorsOf(r.error);
}

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

describe("applicationInputSchema: valid input", () => {
  test("a valid full input passes and is normalised", () => {
    const r = schema.safeParse({
      ...validRaw(),
      studentName: "  张三 ",
      headTeacherPhone: "138-8781-2345",
      guardianPhone: "186 8765 4321",
    });
    expect(r.success).toBe(true);
    const data = r.data as ApplicationInput;
    expect(data.studentName).toBe("张三");
    expect(data.headTeacherPhone).toBe("13887812345");
    expect(data.guardianPhone).toBe("18687654321");
    expect(data.studentNumber).toBe("05323012345678"); // leading zero kept
    expect(data.reason).toBeUndefined();
    expect(data.major).toBeUndefined();
    expect(data.shanghaiFlag).toBe(false);
  });

  test("the default schema (today = now) accepts it too", () => {
    expect(applicationInputSchema.safeParse(validRaw()).success).toBe(true);
  });

  test("female student with 母女, lower-case x normalised, optional texts kept", () => {
    const r = schema.safeParse({
      ...validRaw(),
      sex: "FEMALE",
      idNumber: FEMALE_ID.toLowerCase(),
      guardianRelation: "母女",
      reason: " 学习困难，难以跟上学习进度 ",
      major: "汽车运用与维修",
      eligibilityGround: "RETURNED_DROPOUT",
      shanghaiFlag: true,
    });
    expect(r.success).toBe(true);
    expect(r.data?.idNumber).toBe(FEMALE_ID);
    expect(r.data?.reason).toBe("学习困难，难以跟上学习进度");
    expect(r.data?.major).toBe("汽车运用与维修");
    expect(r.data?.shanghaiFlag).toBe(true);
  });

  test("其他 is allowed for either sex", () => {
    expect(schema.safeParse({ ...validRaw(), guardianRelation: "其他" }).success).toBe(true);
    expect(
      schema.safeParse({ ...validRaw(), sex: "FEMALE", idNumber: FEMALE_ID, guardianRelation: "其他" }).success,
    ).toBe(true);
  });

  test("database codes and Chinese sex words are accepted as input", () => {
    const r = schema.safeParse({ ...validRaw(), sex: "男", guardianRelation: "MOTHER_SON" });
    expect(r.success).toBe(true);
    expect(r.data?.sex).toBe("MALE");
    expect(r.data?.guardianRelation).toBe("母子");
  });

  test("property: any valid ID with matching sex and relation passes", () => {
    const digits = (n: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: n, maxLength: n });
    const idArb = fc
      .tuple(
        digits(6),
        fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2015-12-31T00:00:00Z"), noInvalidDate: true }),
        digits(3),
      )
      .map(([region, d, seq]) => {
        const first17 = region + d.toISOString().slice(0, 10).replace(/-/g, "") + seq;
        let sum = 0;
        for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
        const c = (12 - (sum % 11)) % 11;
        return first17 + (c === 10 ? "X" : String(c));
      });
    fc.assert(
      fc.property(idArb, fc.boolean(), (id, parentIsFather) => {
        const male = Number(id[16]) % 2 === 1;
        const relation = parentIsFather ? (male ? "父子" : "父女") : male ? "母子" : "母女";
        const r = schema.safeParse({ ...validRaw(), idNumber: id, sex: male ? "MALE" : "FEMALE", guardianRelation: relation });
        expect(r.success).toBe(true);
      }),
    );
  });
});

describe("applicationInputSchema: cross-field rules", () => {
  test("sex must match the 17th digit of the ID number", () => {
    const errors = errorsOf({ ...validRaw(), sex: "FEMALE", guardianRelation: "其他" });
    const message = errors.sex ?? errors.idNumber;
    expect(message).toMatch(/^身份证号码第17位表示性别为男，与所填性别“女”不一致/);
    expect(Object.keys(errors)).toEqual(["sex"]);

    const female = errorsOf({ ...validRaw(), idNumber: FEMALE_ID, sex: "MALE", guardianRelation: "其他" });
    expect(female.sex).toMatch(/^身份证号码第17位表示性别为女，与所填性别“男”不一致/);
  });

  test("父女 with a male student is rejected on guardianRelation", () => {
    const errors = errorsOf({ ...validRaw(), guardianRelation: "父女" });
    expect(Object.keys(errors)).toEqual(["guardianRelation"]);
    expect(errors.guardianRelation).toContain("父女");
    expect(errors.guardianRelation).toContain("女");
  });

  test("母女 with a male student, 父子 and 母子 with a female student are rejected", () => {
    expect(errorsOf({ ...validRaw(), guardianRelation: "母女" }).guardianRelation).toContain("母女");
    const female = { ...validRaw(), sex: "FEMALE", idNumber: FEMALE_ID };
    expect(errorsOf({ ...female, guardianRelation: "父子" }).guardianRelation).toContain("父子");
    expect(errorsOf({ ...female, guardianRelation: "母子" }).guardianRelation).toContain("母子");
  });

  test("with sex missing, the relation is checked against the ID number's sex", () => {
    const errors = errorsOf({ ...validRaw(), sex: undefined, guardianRelation: "父女" });
    expect(errors.sex).toBe("请选择性别（男或女）");
    expect(errors.guardianRelation).toContain("身份证号码显示学生为男");
  });

  test("cross-field rules still run when other fields are wrong", () => {
    const errors = errorsOf({ ...validRaw(), studentName: "", sex: "FEMALE", guardianRelation: "父子" });
    expect(errors.studentName).toBe("请填写学生姓名");
    expect(errors.sex).toContain("不一致");
    // the form says female, and 父子 needs a male student
    expect(errors.guardianRelation).toContain("所填性别为“女”");
  });
});

describe("applicationInputSchema: field rules and messages", () => {
  test("names: trimmed, 2–20 characters", () => {
    expect(errorsOf({ ...validRaw(), studentName: "张" }).studentName).toBe("学生姓名至少2个字，当前为1个字，请填写完整姓名");
    expect(errorsOf({ ...validRaw(), guardianName: "   " }).guardianName).toBe("请填写法定监护人姓名");
    expect(errorsOf({ ...validRaw(), headTeacherName: "阿".repeat(21) }).headTeacherName).toContain(
      "班主任姓名不能超过20个字",
    );
    expect(schema.safeParse({ ...validRaw(), studentName: "阿".repeat(20) }).success).toBe(true);
    // a rare character outside the BMP counts as one
    expect(schema.safeParse({ ...validRaw(), studentName: "张𠀾" }).success).toBe(true);
  });

  test("phones, ID number and 学籍号 use the validators' messages, naming the field", () => {
    const errors = errorsOf({
      ...validRaw(),
      headTeacherPhone: "1388781234",
      studentPhone: "12912345678",
      guardianPhone: "",
      idNumber: "532301200803151239",
      studentNumber: "0532301234567",
    });
    expect(errors.headTeacherPhone).toBe("班主任联系电话应为11位手机号码，当前为10位，请核对");
    expect(errors.studentPhone).toContain("学生联系电话第2位应为3–9");
    expect(errors.guardianPhone).toContain("请填写监护人联系电话");
    expect(errors.idNumber).toBe("身份证号码校验位不正确，请逐位核对");
    expect(errors.studentNumber).toContain("初中学籍号应为14位数字，当前为13位");
    // an invalid ID number does not also produce a sex mismatch
    expect(errors.sex).toBeUndefined();
  });

  test("birth date in the future relative to today is refused", () => {
    const future = createApplicationInputSchema({ today: "2008-03-14" });
    const r = future.safeParse(validRaw());
    expect(r.success).toBe(false);
    expect(r.success ? "" : fieldErrorsOf(r.error).idNumber).toContain("出生日期");
  });

  test("address: every part required, with the part's name in the message", () => {
    const errors = errorsOf({ ...validRaw(), address: { county: "楚雄市", township: " ", village: "", street: undefined } });
    expect(errors["address.township"]).toBe("请填写家庭住址中的乡（镇）");
    expect(errors["address.village"]).toBe("请填写家庭住址中的村（居）委会");
    expect(errors["address.street"]).toBe("请填写家庭住址中的村（街）");
    expect(errors["address.county"]).toBeUndefined();
    expect(errorsOf({ ...validRaw(), address: undefined }).address).toContain("请填写家庭住址");
    // short parts are fine
    expect(schema.safeParse({ ...validRaw(), address: { county: "楚雄市", township: "鹿城镇", village: "一", street: "1" } }).success).toBe(true);
  });

  test("reason ≤ 500 characters, major ≤ 50", () => {
    expect(schema.safeParse({ ...validRaw(), reason: "难".repeat(500) }).success).toBe(true);
    expect(errorsOf({ ...validRaw(), reason: "难".repeat(501) }).reason).toBe("申请事由不能超过500个字，当前为501个字，请精简");
    expect(errorsOf({ ...validRaw(), major: "专".repeat(51) }).major).toContain("专业不能超过50个字");
    expect(schema.safeParse({ ...validRaw(), reason: null, major: undefined }).success).toBe(true);
  });

  test("exactly one vocational school", () => {
    expect(errorsOf({ ...validRaw(), vocationalSchoolId: "" }).vocationalSchoolId).toBe("请选择报名就读学校（选择一所职业学校）");
    expect(errorsOf({ ...validRaw(), vocationalSchoolId: undefined }).vocationalSchoolId).toBe(
      "请选择报名就读学校（选择一所职业学校）",
    );
    expect(errorsOf({ ...validRaw(), vocationalSchoolId: ["a", "b"] }).vocationalSchoolId).toContain("只能选择一所");
  });

  test("enumerations: sex, relation, eligibility ground", () => {
    const errors = errorsOf({ ...validRaw(), sex: "X", guardianRelation: "叔侄", eligibilityGround: "" });
    expect(errors.sex).toBe("请选择性别（男或女）");
    expect(errors.guardianRelation).toContain("请选择与学生的关系");
    expect(errors.eligibilityGround).toContain("请选择招生对象");
  });

  test("an empty object: every required field has a Chinese message naming it", () => {
    const errors = errorsOf({});
    for (const key of [
      "className",
      "headTeacherName",
      "headTeacherPhone",
      "studentName",
      "sex",
      "studentPhone",
      "address",
      "studentNumber",
      "idNumber",
      "guardianName",
      "guardianRelation",
      "guardianPhone",
      "vocationalSchoolId",
      "eligibilityGround",
    ]) {
      expect(errors[key], key).toBeDefined();
      expect(hasChinese(errors[key]), key).toBe(true);
    }
    expect(errors.reason).toBeUndefined();
    expect(errors.major).toBeUndefined();
    expect(errors.shanghaiFlag).toBeUndefined();
  });

  test("not an object at all → one form-level Chinese message", () => {
    expect(errorsOf(null)).toEqual({ [FORM_ERROR_KEY]: "申请表数据不完整或格式不正确，请重新填写后提交" });
  });

  test("property: never throws, and every message is Chinese", () => {
    const fieldValue = fc.oneof(fc.string({ maxLength: 30 }), fc.constant(undefined), fc.constant(null), fc.integer(), fc.boolean());
    const rawArb = fc.record({
      className: fieldValue,
      headTeacherName: fieldValue,
      headTeacherPhone: fieldValue,
      studentName: fieldValue,
      sex: fc.oneof(fieldValue, fc.constantFrom("MALE", "FEMALE")),
      studentPhone: fieldValue,
      address: fc.oneof(fieldValue, fc.record({ county: fieldValue, township: fieldValue, village: fieldValue, street: fieldValue })),
      studentNumber: fieldValue,
      idNumber: fc.oneof(fieldValue, fc.constantFrom(MALE_ID, FEMALE_ID)),
      guardianName: fieldValue,
      guardianRelation: fc.oneof(fieldValue, fc.constantFrom(...GUARDIAN_RELATIONS)),
      guardianPhone: fieldValue,
      reason: fieldValue,
      vocationalSchoolId: fc.oneof(fieldValue, fc.array(fc.string())),
      major: fieldValue,
      eligibilityGround: fc.oneof(fieldValue, fc.constantFrom(...ELIGIBILITY_GROUNDS)),
      shanghaiFlag: fieldValue,
    });
    fc.assert(
      fc.property(fc.oneof(rawArb, fc.anything()), (raw) => {
        const r = schema.safeParse(raw);
        if (!r.success) for (const issue of r.error.issues) expect(hasChinese(issue.message), issue.message).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("fieldErrorsOf", () => {
  test("first message per dotted path", () => {
    expect(
      fieldErrorsOf({
        issues: [
          { path: ["address", "county"], message: "一" },
          { path: ["address", "county"], message: "二" },
          { path: ["sex"], message: "三" },
          { path: [], message: "四" },
        ],
      }),
    ).toEqual({ "address.county": "一", sex: "三", [FORM_ERROR_KEY]: "四" });
  });
});

describe("validateApplication", () => {
  test("returns data or field errors", () => {
    const ok = validateApplication(validRaw(), { today: TODAY });
    expect(ok.ok).toBe(true);
    const bad = validateApplication({ ...validRaw(), guardianRelation: "父女" }, { today: TODAY });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.guardianRelation).toContain("父女");
  });
});

describe("applicationFromFormData", () => {
  function formDataOf(raw: Record<string, unknown>): FormData {
    const fd = new FormData();
    for (const [k, v] of Object.entries(raw)) {
      if (k === "address") for (const [p, pv] of Object.entries(v as Record<string, string>)) fd.append(`address.${p}`, pv);
      else if (k === "shanghaiFlag") {
        if (v) fd.append(k, "on");
      } else fd.append(k, String(v));
    }
    return fd;
  }

  test("a FormData round-trips through the schema; checkbox on → true, absent → false", () => {
    const raw = { ...validRaw(), shanghaiFlag: true };
    const values = applicationFromFormData(formDataOf(raw));
    expect(values.shanghaiFlag).toBe(true);
    expect(values.address).toEqual(raw.address);
    const r = schema.safeParse(values);
    expect(r.success).toBe(true);
    expect(r.data?.shanghaiFlag).toBe(true);
    expect(r.data?.reason).toBeUndefined(); // "" → undefined

    const off = applicationFromFormData(formDataOf(validRaw()));
    expect(off.shanghaiFlag).toBe(false);
    expect(schema.safeParse(off).data?.shanghaiFlag).toBe(false);
  });

  test("flat address field names are read too", () => {
    const fd = formDataOf({ ...validRaw(), address: {} });
    fd.append("addressCounty", "双柏县");
    fd.append("addressTownship", "妥甸镇");
    fd.append("addressVillage", "某村委会");
    fd.append("addressStreet", "某村");
    const r = schema.safeParse(applicationFromFormData(fd));
    expect(r.success).toBe(true);
    expect(r.data?.address).toEqual({ county: "双柏县", township: "妥甸镇", village: "某村委会", street: "某村" });
  });

  test("two different vocational schools → 只能选择一所; the same one twice is fine", () => {
    const fd = formDataOf(validRaw());
    fd.append("vocationalSchoolId", "vs-other");
    const errors = fieldErrorsOf(schema.safeParse(applicationFromFormData(fd)).error!);
    expect(errors.vocationalSchoolId).toContain("只能选择一所");

    const same = formDataOf(validRaw());
    same.append("vocationalSchoolId", "vs-chuxiong-city");
    expect(schema.safeParse(applicationFromFormData(same)).success).toBe(true);
  });

  test("an empty FormData gives Chinese messages, not a crash", () => {
    const errors = fieldErrorsOf(schema.safeParse(applicationFromFormData(new FormData())).error!);
    expect(errors.studentName).toBe("请填写学生姓名");
    expect(errors["address.county"]).toBe("请填写家庭住址中的县（市）");
    expect(errors.vocationalSchoolId).toBe("请选择报名就读学校（选择一所职业学校）");
  });
});

describe("labels", () => {
  test("every schema field has a Chinese label", () => {
    for (const key of Object.keys(schema.shape)) {
      expect(APPLICATION_FIELD_LABELS[key as keyof typeof APPLICATION_FIELD_LABELS], key).toBeTruthy();
    }
    for (const part of ["county", "township", "village", "street"]) {
      expect(APPLICATION_FIELD_LABELS[`address.${part}` as keyof typeof APPLICATION_FIELD_LABELS]).toBeTruthy();
    }
  });

  test("relation and ground label maps are complete; DB codes round-trip", () => {
    for (const r of GUARDIAN_RELATIONS) {
      expect(GUARDIAN_RELATION_LABELS[r]).toBe(r);
      expect(guardianRelationFromCode(GUARDIAN_RELATION_CODES[r])).toBe(r);
    }
    for (const g of ELIGIBILITY_GROUNDS) expect(hasChinese(ELIGIBILITY_GROUND_LABELS[g])).toBe(true);
  });
});
