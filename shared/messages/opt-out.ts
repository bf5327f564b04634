/**
 * The opt-out list in front of the provider: an e-mail goes only to recipients who have not opted
 * out, an SMS only to a phone that has not; when none is left the message is "suppressed" (its
 * delivery record says so, nothing is sent). Wrapping the provider, every message kind and every
 * sender (events, reminders, offers) passes the same check. Contacts are looked up by their keyed
 * hash (contactKey), so the list holds no address.
 */
import type { Contact, MessageProvider, OptOutStore } from "./ports.js";

export interface OptOuts {
  /** The contact's key: the keyed hash of its normalised e-mail or phone (the privacy subject key). */
  keyOf(contact: Contact): string;
  store: OptOutStore;
}

export function withOptOuts(provider: MessageProvider, optOuts: OptOuts): MessageProvider {
  const optedOut = (contact: Contact) => optOuts.store.isOptedOut(optOuts.keyOf(contact));
  return {
    async sendEmail(message) {
      const flags = await Promise.all(message.to.map((r) => optedOut({ email: r.address })));
      const to = message.to.filter((_, i) => !flags[i]);
      if (to.length === 0) return { outcome: "suppressed" };
      return provider.sendEmail(to.length === message.to.length ? message : { ...message, to });
    },
    async sendSms(message) {
      if (await optedOut({ phone: message.to })) return { outcome: "suppressed" };
      return provider.sendSms(message);
    },
  };
}
