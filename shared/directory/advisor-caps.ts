/** Caps per advisor: at most so many meetings and/or booked minutes per day, week and month (the advisor's zone). */
import { z } from "zod";

const CapLimit = z
  .object({
    meetings: z.number().int().min(1).max(1000).optional().describe("Meetings (and live reservations) at most"),
    minutes: z
      .number()
      .int()
      .min(15)
      .max(31 * 24 * 60)
      .optional()
      .describe("Booked minutes at most"),
  })
  .refine((l) => l.meetings !== undefined || l.minutes !== undefined, { message: "give meetings or minutes", path: ["meetings"] });

export const AdvisorCapsBody = z
  .object({ day: CapLimit.optional(), week: CapLimit.optional(), month: CapLimit.optional() })
  .describe("Caps across all meeting types, counted in the advisor's time zone; a capped advisor leaves every pool for that period");
export type AdvisorCapsBody = z.output<typeof AdvisorCapsBody>;
