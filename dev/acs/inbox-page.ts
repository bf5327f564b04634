/** The dev inbox as one HTML page: each e-mail rendered (sandboxed, no scripts) with its text part and attachments, each SMS. */
import type { InboxMessage } from "./inbox-store.js";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function card(m: InboxMessage): string {
  const base = `inbox/messages/${encodeURIComponent(m.id)}/attachments`;
  const attachments = m.attachments
    .map((a, i) => `<li><a href="${base}/${i}" download="${esc(a.name)}">${esc(a.name)}</a> <small>${esc(a.contentType)}</small></li>`)
    .join("");
  const head = `<header><strong>${m.channel === "email" ? esc(m.subject ?? "") : "SMS"}</strong>
    <div><small>to ${esc(m.to.join(", "))} · from ${esc(m.from)} · ${esc(m.sentAt)}${m.meetingId ? ` · meeting ${esc(m.meetingId)}` : ""}</small></div></header>`;
  if (m.channel === "sms") return `<article class="sms">${head}<pre>${esc(m.text)}</pre></article>`;
  return `<article>${head}
    ${m.html ? `<iframe sandbox title="${esc(m.subject ?? "e-mail")}" srcdoc="${esc(m.html)}"></iframe>` : ""}
    <details${m.html ? "" : " open"}><summary>plain text</summary><pre>${esc(m.text)}</pre></details>
    ${attachments ? `<ul class="files">${attachments}</ul>` : ""}</article>`;
}

export function inboxPage(messages: InboxMessage[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>BookMe dev mail (${messages.length})</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;background:#f4f5f7;color:#1b1b1b}
article{background:#fff;border:1px solid #d0d4da;border-radius:6px;margin:0 0 1rem;padding:1rem}
article.sms{border-left:4px solid #2f6f4f}
iframe{width:100%;height:28rem;border:1px solid #e3e5e8;margin-top:.5rem;background:#fff}
pre{white-space:pre-wrap;font-size:.9rem}
</style></head><body>
<h1>BookMe dev mail</h1>
<p>${messages.length} message(s), newest first. JSON: <a href="inbox/messages">messages</a>. <a href="">Refresh</a></p>
${messages.map(card).join("\n") || "<p>No messages yet: book a meeting.</p>"}
</body></html>`;
}
