import { registerRawHttp } from "../../shared/app/register.js";
import { isoOf } from "../../shared/kernel/instants.js";
import { optOutTokenMatches } from "../../shared/messages/opt-out-link.js";
import { languageOf } from "../../shared/messages/preferences.js";
import { unsubscribePage, type UnsubscribePageState } from "../../shared/messages/unsubscribe-page.js";

/**
 * The unsubscribe link of every customer message: GET /api/messages/unsubscribe?c=&t=&l= shows a
 * button and changes nothing (mail scanners open links); a POST (the button, or a mail client's
 * RFC 8058 one-click POST to the List-Unsubscribe URL) records the opt-out, create-if-absent under
 * the contact's keyed hash. The link names no address; logs carry no contact at all.
 */
export const messagesUnsubscribe = registerRawHttp({
  name: "messages-unsubscribe",
  route: "messages/unsubscribe",
  methods: ["GET", "POST"],
  async handle(request, context, deps) {
    const form = request.method === "POST" ? new URLSearchParams(await request.text()) : new URLSearchParams();
    const param = (name: string) => form.get(name) ?? request.query.get(name) ?? "";
    const contact = param("c");
    const token = param("t");
    const language = languageOf(param("l"));
    const html = (status: number, page: UnsubscribePageState) => ({
      status,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer" },
      body: unsubscribePage(language, page),
    });
    const links = deps.messages?.links;
    const optOuts = deps.messages?.optOuts;
    if (!links || !optOuts || !optOutTokenMatches(links.key, contact, token)) return html(404, { state: "gone" });
    if (request.method === "GET") return html(200, { state: "ask", contact, token });
    await optOuts.store.optOut(contact, isoOf(Date.now()));
    context.log(JSON.stringify({ message: "customer opted out of messages" }));
    return html(200, { state: "done" });
  },
});
