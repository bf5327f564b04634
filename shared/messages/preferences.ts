/**
 * What a meeting says about its customer's messages, from the fields the channels store: the
 * language (meetergo's `language`, the booking page's), a phone (SMS), meetergo's
 * `skipNotifications` and `receiveReminders`, and a phone-only booking (no e-mail: SMS only).
 */
import { E164_PATTERN } from "../kernel/fields.js";
import type { Language } from "./ports.js";

export interface MessagePreferences {
  language: Language;
  phone: string | null;
  skipAll: boolean;
  reminders: boolean;
  phoneOnly: boolean;
}

export function languageOf(value: string | undefined): Language {
  const v = (value ?? "").trim().toLowerCase();
  if (v.startsWith("en")) return "en";
  if (v.startsWith("de")) return "de";
  return "da";
}

export function preferencesOf(customFields: readonly { key: string; value: string }[] | undefined): MessagePreferences {
  const field = (key: string) => customFields?.find((f) => f.key === key)?.value;
  const phone = (field("phone") ?? "").replace(/[\s-]/g, "");
  return {
    language: languageOf(field("language")),
    phone: E164_PATTERN.test(phone) ? phone : null,
    skipAll: field("skipNotifications") === "true",
    reminders: field("receiveReminders") !== "false",
    phoneOnly: field("phoneOnlyBooking") === "true",
  };
}
