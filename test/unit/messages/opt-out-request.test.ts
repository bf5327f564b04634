/**
 * The unsubscribe page's way back: GET never changes anything (it asks, or offers "receive messages
 * again" to a contact already opted out); POST optout (or a one-click POST without action) opts out
 * and offers the way back; POST optin removes the opt-out; every action needs the link's signed
 * token for that contact (a bad or another contact's token changes nothing: 404), an unknown action 400.
 */
import { describe, expect, it } from "vitest";
import { optOutToken } from "../../../shared/messages/opt-out-link.js";
import { handleOptOutRequest } from "../../../shared/messages/opt-out-request.js";
import type { OptOutStore } from "../../../shared/messages/ports.js";
import { unsubscribePage } from "../../../shared/messages/unsubscribe-page.js";

const KEY = "link-key";
const CONTACT = "contact-hash-1";
const TOKEN = optOutToken(KEY, CONTACT);
const AT = "2027-01-10T08:00:00.000Z";

class MemoryOptOuts implements OptOutStore {
  keys = new Set<string>();
  writes = 0;
  async isOptedOut(k: string) {
    return this.keys.has(k);
  }
  async optOut(k: string) {
    this.writes++;
    this.keys.add(k);
  }
  async optIn(k: string) {
    this.writes++;
    this.keys.delete(k);
  }
}

const request = (method: string, fields: Record<string, string>) => ({ method, param: (n: string) => fields[n] ?? "" });
const run = (store: OptOutStore, method: string, fields: Record<string, string>) =>
  handleOptOutRequest(request(method, fields), { key: KEY }, store, AT);

/** The page's forms: each form's hidden fields. */
function formsOf(html: string): Record<string, string>[] {
  return [...html.matchAll(/<form method="post">([\s\S]*?)<\/form>/g)].map((m) =>
    Object.fromEntries([...m[1].matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((f) => [f[1], f[2]])),
  );
}

describe("the unsubscribe page's requests", () => {
  it("GET asks (one optout form with the signed contact) and changes nothing", async () => {
    const store = new MemoryOptOuts();
    const out = await run(store, "GET", { c: CONTACT, t: TOKEN });
    expect(out).toEqual({ status: 200, page: { state: "ask", contact: CONTACT, token: TOKEN } });
    expect(store.writes).toBe(0);
    const html = unsubscribePage("en", out.page);
    expect(formsOf(html)).toEqual([{ c: CONTACT, t: TOKEN, l: "en", action: "optout" }]);
    expect(html).toContain(">Unsubscribe</button>");
  });

  it("POST opts out and offers the way back; GET then offers it too, still changing nothing", async () => {
    const store = new MemoryOptOuts();
    const out = await run(store, "POST", { c: CONTACT, t: TOKEN, action: "optout" });
    expect(out).toMatchObject({ status: 200, changed: "optout", page: { state: "optedOut", just: true } });
    expect(store.keys.has(CONTACT)).toBe(true);
    const html = unsubscribePage("da", out.page);
    expect(formsOf(html)).toEqual([{ c: CONTACT, t: TOKEN, l: "da", action: "optin" }]);
    expect(html).toContain("Du er afmeldt. Du får ikke flere beskeder fra os.");
    expect(html).toContain(">Modtag beskeder igen</button>");

    const writes = store.writes;
    const again = await run(store, "GET", { c: CONTACT, t: TOKEN });
    expect(again.page).toEqual({ state: "optedOut", just: false, contact: CONTACT, token: TOKEN });
    expect(again.changed).toBeUndefined();
    expect(store.writes).toBe(writes);
    const de = unsubscribePage("de", again.page);
    expect(de).toContain("Sie sind abgemeldet und erhalten keine Nachrichten von uns.");
    expect(formsOf(de)).toEqual([{ c: CONTACT, t: TOKEN, l: "de", action: "optin" }]);
    expect(de).toContain(">Wieder Nachrichten erhalten</button>");
  });

  it("a one-click POST without action opts out", async () => {
    const store = new MemoryOptOuts();
    expect((await run(store, "POST", { c: CONTACT, t: TOKEN })).changed).toBe("optout");
    expect(store.keys.has(CONTACT)).toBe(true);
  });

  it("POST optin removes the opt-out (none is fine) and offers to unsubscribe again", async () => {
    const store = new MemoryOptOuts();
    store.keys.add(CONTACT);
    const out = await run(store, "POST", { c: CONTACT, t: TOKEN, action: "optin" });
    expect(out).toEqual({ status: 200, changed: "optin", page: { state: "optedIn", contact: CONTACT, token: TOKEN } });
    expect(store.keys.has(CONTACT)).toBe(false);
    const html = unsubscribePage("en", out.page);
    expect(html).toContain("You will get messages from us about your meetings again.");
    expect(formsOf(html)).toEqual([{ c: CONTACT, t: TOKEN, l: "en", action: "optout" }]);
    expect((await run(store, "POST", { c: CONTACT, t: TOKEN, action: "optin" })).status).toBe(200);
  });

  it("a bad token, another contact's token or no links key is refused for every action, changing nothing", async () => {
    const store = new MemoryOptOuts();
    store.keys.add(CONTACT);
    const other = optOutToken(KEY, "contact-hash-2");
    for (const fields of [
      { c: CONTACT, t: "nope", action: "optin" },
      { c: CONTACT, t: other, action: "optin" },
      { c: CONTACT, t: "", action: "optout" },
      { c: "", t: TOKEN, action: "optin" },
      { c: CONTACT, t: optOutToken("other-key", CONTACT), action: "optin" },
    ]) {
      expect(await run(store, "POST", fields)).toEqual({ status: 404, page: { state: "gone" } });
      expect((await run(store, "GET", fields)).status).toBe(404);
    }
    expect(await handleOptOutRequest(request("POST", { c: CONTACT, t: TOKEN, action: "optin" }), undefined, store, AT)).toEqual({
      status: 404,
      page: { state: "gone" },
    });
    expect(store.writes).toBe(0);
    expect(store.keys.has(CONTACT)).toBe(true);
    expect(unsubscribePage("en", { state: "gone" })).not.toContain("<form");
  });

  it("an unknown action is a 400 and changes nothing", async () => {
    const store = new MemoryOptOuts();
    expect((await run(store, "POST", { c: CONTACT, t: TOKEN, action: "delete" })).status).toBe(400);
    expect(store.writes).toBe(0);
  });

  it("escapes what it echoes", () => {
    const html = unsubscribePage("en", { state: "ask", contact: 'a"><script>', token: "t" });
    expect(html).not.toContain("<script>");
    expect(html).toContain("a&quot;&gt;&lt;script&gt;");
  });
});
