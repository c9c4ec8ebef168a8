// Yearly calendars for prisma/seed.ts and the tests. Plain Prisma (no `server-only`), so it runs under tsx.
// The settings are validated by the same pure computeCalendar the app uses; an invalid calendar throws.
import type { PrismaClient } from "../../src/generated/prisma/client";
import { computeCalendar, type SchoolCalendar } from "../../src/lib/calendar";
import { defaultCalendarSettings } from "../../src/lib/calendar-settings";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PrismaClient<never, any>;

export type YearCalendarData = {
  year: number;
  mayDayHolidayEnd: string;
  updatedById: string;
  extraNonWorkingDays?: string[];
  makeUpWorkingDays?: string[];
  makeUpSaturdaysCount?: boolean;
  autumnRegistrationDate?: string | null;
};

/**
 * Creates the year's calendar (version 1), or — if the year already has one — replaces its settings
 * and bumps the version, so tests sharing a database can each set the calendar they need.
 * Live overrides are left alone. Returns the computed calendar.
 */
export async function createYearCalendar(db: Db, data: YearCalendarData): Promise<SchoolCalendar> {
  const settings = {
    ...defaultCalendarSettings(data.year, data.mayDayHolidayEnd),
    extraNonWorkingDays: [...(data.extraNonWorkingDays ?? [])].sort(),
    makeUpWorkingDays: [...(data.makeUpWorkingDays ?? [])].sort(),
    makeUpSaturdaysCount: data.makeUpSaturdaysCount ?? false,
    autumnRegistrationDate: data.autumnRegistrationDate ?? null,
  };
  const calendar = computeCalendar(settings);
  const row = {
    mayDayHolidayEnd: settings.mayDayHolidayEnd,
    extraNonWorkingDays: settings.extraNonWorkingDays,
    makeUpWorkingDays: settings.makeUpWorkingDays,
    makeUpSaturdaysCount: settings.makeUpSaturdaysCount,
    autumnRegistrationDate: settings.autumnRegistrationDate,
    updatedById: data.updatedById,
  };
  await db.yearCalendar.upsert({
    where: { year: data.year },
    create: { year: data.year, ...row, version: 1 },
    update: { ...row, version: { increment: 1 } },
  });
  return calendar;
}

/**
 * The year's calendar most workflow tests need: the May Day holiday ends on 5 May (送读期 from the 6th)
 * and autumn registration completed on 15 September. Like `createYearCalendar`, it replaces what another
 * test file set, so every file starts from the calendar it names.
 */
export function createStandardCalendar(db: Db, year = 2020, mayDayHolidayEnd = `${year}-05-05`, updatedById = "seed") {
  return createYearCalendar(db, { year, mayDayHolidayEnd, autumnRegistrationDate: `${year}-09-15`, updatedById });
}

/**
 * The demo's 2020 calendar: the May Day holiday 2020 ran May 1–5 with make-up working days on
 * Sunday Apr 26 and Saturday May 9 (not counted: "双休日除外"), so 送读期 = 2020-05-06 … 2020-05-14;
 * autumn registration completed on 2020-09-15. With ZJB_TRAINING_DATE=2020-05-08 the demo is in 送读期.
 */
export async function createDemoCalendar(db: Db, prefectureUsername: string) {
  const bureau = await db.user.findUniqueOrThrow({ where: { username: prefectureUsername }, select: { id: true } });
  return createYearCalendar(db, {
    year: 2020,
    mayDayHolidayEnd: "2020-05-05",
    makeUpWorkingDays: ["2020-04-26", "2020-05-09"],
    autumnRegistrationDate: "2020-09-15",
    updatedById: bureau.id,
  });
}
