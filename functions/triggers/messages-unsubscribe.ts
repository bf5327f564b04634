import { registerRawHttp } from "../../shared/app/register.js";
import { isoOf } from "../../shared/kernel/instants.js";
import { handleOptOutRequest } from "../../shared/messages/opt-out-request.js";
import { languageOf } from "../../shared/messages/preferences.js";
import { unsubscribePage } from "../../shared/messages/unsubscribe-page.js";

/**
 * The unsubscribe link of every customer message: GET /api/messages/unsubscribe?c=&t=&l= shows a
 * button (or, once opted out, "receive messages again") and changes nothing (mail scanners open
 * links); a POST (the button, or a mail client's RFC 8058 one-click POST to the List-Unsubscribe
 * URL) records the opt-out, create-if-absent under the contact's keyed hash, or with action=optin
 * removes it (shared/messages/opt-out-request.ts). The link names no address; logs carry no contact.
 */
export const messagesUnsubscribe = registerRawHttp({
  name: "messages-unsubscribe",
  route: "messages/unsubscribe",
  methods: ["GET", "POST"],
  async handle(request, context, deps) {
    const form = request.method === "POST" ? new URLSearchParams(await request.text()) : new URLSearchParams();
    const param = (name: string) => form.get(name) ?? request.query.get(name) ?? "";
    const language = languageOf(param("l"));
    const messages = deps.messages;
    const outcome = await handleOptOutRequest(
      { method: request.method, param },
      messages?.links,
      messages?.optOuts?.store,
      isoOf(Date.now()),
    );
    if (outcome.changed === "optout") context.log(JSON.stringify({ message: "customer opted out of messages" }));
    if (outcome.changed === "optin") context.log(JSON.stringify({ message: "customer opted back in to messages" }));
    return {
      status: outcome.status,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer" },
      body: unsubscribePage(language, outcome.page),
    };
  },
});
