"use server";
import { defineAction } from "@/server/action";
import { answerSchema, checkRowSchema, submissionSchema, submitRosterSchema } from "@/lib/schemas/roster";
import { answerDiscrepancy, checkRosterRow, confirmAllRows, receiveRoster, releaseRoster, submitRoster } from "@/server/roster/roster";
import { now } from "@/server/clock";

export const submitRosterAction = defineAction({
  permission: "roster.submit", schema: submitRosterSchema, revalidate: ["/roster"],
  run: async (actor, input) => {
    const s = await submitRoster(actor, input, now());
    return { message: `已提交第 ${s.version} 版在读学生名单（${s.rowCount} 人）。` };
  },
});

export const receiveRosterAction = defineAction({
  permission: "roster.receive", schema: submissionSchema, revalidate: ["/roster"],
  run: async (actor, input) => { await receiveRoster(actor, input, now()); return { message: "已确认接收。" }; },
});

export const releaseRosterAction = defineAction({
  permission: "roster.release", schema: submissionSchema, revalidate: ["/roster"],
  run: async (actor, input) => {
    const n = await releaseRoster(actor, input, now());
    return { message: `已将名单反馈给 ${n} 个县市。` };
  },
});

export const checkRowAction = defineAction({
  permission: "roster.check", schema: checkRowSchema, revalidate: ["/roster"],
  run: async (actor, input) => {
    await checkRosterRow(actor, input, now());
    return { message: input.status === "CONFIRMED" ? "已确认。" : "已提出异议，职业学校将看到并答复。" };
  },
});

export const confirmAllAction = defineAction({
  permission: "roster.check", schema: submissionSchema, revalidate: ["/roster"],
  run: async (actor, input) => {
    const n = await confirmAllRows(actor, input, now());
    return { message: `已确认其余 ${n} 名学生。` };
  },
});

export const answerAction = defineAction({
  permission: "roster.answer", schema: answerSchema, revalidate: ["/roster"],
  run: async (actor, input) => { await answerDiscrepancy(actor, input, now()); return { message: "已答复。" }; },
});
