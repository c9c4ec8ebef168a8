"use server";
import { defineAction } from "@/server/action";
import { arrivalSchema, assignClassSchema, classSchema, patternSchema, studentNoSchema } from "@/lib/schemas/reception";
import { assignToClass, recordArrival, saveClass, setStudentNo, setStudentNoPattern } from "@/server/reception/reception";
import { now } from "@/server/clock";

export const recordArrivalAction = defineAction({
  permission: "reception.edit",
  schema: arrivalSchema,
  revalidate: ["/reception"],
  run: async (actor, input) => {
    const n = await recordArrival(actor, input, now());
    return { message: input.status === "ARRIVED" ? `已登记 ${n} 名学生报到（${input.arrivedOn}）。` : `已登记 ${n} 名学生未报到。` };
  },
});

export const saveClassAction = defineAction({
  permission: "class.manage",
  schema: classSchema,
  revalidate: ["/reception"],
  run: async (actor, input) => {
    const c = await saveClass(actor, input, now());
    return { message: input.id ? `已保存班级“${c.name}”。` : `已创建班级“${c.name}”。` };
  },
});

export const assignClassAction = defineAction({
  permission: "class.manage",
  schema: assignClassSchema,
  revalidate: ["/reception"],
  run: async (actor, input) => {
    const r = await assignToClass(actor, input);
    return { message: `已编入 ${r.assigned} 名学生并生成学号，该班还可编入 ${r.remaining} 人。` };
  },
});

export const setStudentNoAction = defineAction({
  permission: "class.manage",
  schema: studentNoSchema,
  revalidate: ["/reception"],
  run: async (actor, input) => {
    await setStudentNo(actor, input);
    return { message: `学号已改为 ${input.studentNo}。` };
  },
});

export const setPatternAction = defineAction({
  permission: "class.manage",
  schema: patternSchema,
  revalidate: ["/reception"],
  run: async (actor, input) => {
    await setStudentNoPattern(actor, input);
    return { message: "学号规则已保存，新编班的学生按新规则生成学号。" };
  },
});
