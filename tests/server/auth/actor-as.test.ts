// A domain function that serves one role narrows the actor with actorAs; any other role is "no permission".
import { describe, expect, test } from "vitest";
import { actorAs } from "@/server/auth/permissions";
import { testActor } from "../../support/actor";

describe("actorAs", () => {
  test("returns the actor of an accepted role", () => {
    const voc = testActor("VOCATIONAL_SCHOOL");
    expect(actorAs(voc, "VOCATIONAL_SCHOOL").vocationalSchoolId).toBe("v-test");
    expect(actorAs(testActor("COUNTY"), "PREFECTURE", "COUNTY").role).toBe("COUNTY");
  });

  test("refuses any other role as no permission", () => {
    expect(() => actorAs(testActor("MIDDLE_SCHOOL"), "VOCATIONAL_SCHOOL")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => actorAs(testActor("PREFECTURE"), "COUNTY")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  });
});
