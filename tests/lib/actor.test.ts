// The actor is a union by role: loadActor builds the variant, or refuses a row whose role lacks its organisation.
import { describe, expect, test } from "vitest";
import { buildActor } from "@/lib/actor";

const base = { userId: "u", username: "u", displayName: "测试", prefectureId: "p", orgName: "测试单位", mustChangePassword: false };
const all = { countyId: "c", middleSchoolId: "m", vocationalSchoolId: "v" };

describe("buildActor", () => {
  test("each role keeps exactly the organisation ids it has", () => {
    expect(buildActor(base, { role: "PREFECTURE", ...all })).toMatchObject({ countyId: null, middleSchoolId: null, vocationalSchoolId: null });
    expect(buildActor(base, { role: "COUNTY", ...all })).toMatchObject({ countyId: "c", middleSchoolId: null, vocationalSchoolId: null });
    expect(buildActor(base, { role: "MIDDLE_SCHOOL", ...all })).toMatchObject({ countyId: "c", middleSchoolId: "m", vocationalSchoolId: null });
    expect(buildActor(base, { role: "VOCATIONAL_SCHOOL", ...all })).toMatchObject({ countyId: "c", middleSchoolId: null, vocationalSchoolId: "v" });
  });

  test("a prefecture-owned vocational school has no county", () => {
    expect(buildActor(base, { role: "VOCATIONAL_SCHOOL", ...all, countyId: null })).toMatchObject({ role: "VOCATIONAL_SCHOOL", countyId: null, vocationalSchoolId: "v" });
  });

  test("a role without the organisation it needs is no actor", () => {
    expect(buildActor(base, { role: "COUNTY", ...all, countyId: null })).toBeNull();
    expect(buildActor(base, { role: "MIDDLE_SCHOOL", ...all, middleSchoolId: null })).toBeNull();
    expect(buildActor(base, { role: "MIDDLE_SCHOOL", ...all, countyId: null })).toBeNull();
    expect(buildActor(base, { role: "VOCATIONAL_SCHOOL", ...all, vocationalSchoolId: null })).toBeNull();
  });
});
