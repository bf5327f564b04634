/** Every message's unsubscribe link: per recipient, when links (base URL and key) and the opt-out list are configured. */
import type { MessagesDeps } from "./deps.js";
import { unsubscribeUrl } from "./opt-out-link.js";
import type { Contact, Language } from "./ports.js";

export function unsubscribeLinks(deps: MessagesDeps, language: Language): ((contact: Contact) => string | null) | undefined {
  const { links, optOuts } = deps;
  if (!links || !optOuts) return undefined;
  return (contact) => unsubscribeUrl(links.baseUrl, links.key, optOuts.keyOf(contact), language);
}
