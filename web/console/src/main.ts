/** The console: who is signed in, then the views (week, analytics, closures, meeting types, webhooks). */
import { api, me, signOut } from "./api.js";
import { renderAnalytics, type Period } from "./analytics.js";
import { renderClosures } from "./closures.js";
import { renderPrivacy } from "./privacy.js";
import { renderMeetingTypes, renderWebhooks } from "./config.js";
import { renderEmployees, renderRooms } from "./directory-forms.js";
import { renderCustomerTypes, renderTopics } from "./directory-topics.js";
import { h } from "./dom.js";
import { mondayOf, renderWeek, type Employee } from "./week.js";

const $ = (id: string) => document.getElementById(id)!;
const status = (text: string) => ($("status").textContent = text);

async function start() {
  const person = await me();
  if (!person) {
    $("signin").hidden = false;
    return;
  }
  $("who").replaceChildren(
    `${person.name} (${person.roles.join(", ")})`,
    h("button", { type: "button", onclick: () => void signOut().then(() => location.reload()) }, "Sign out"),
  );
  $("tabs").hidden = false;
  // Privacy requests are the back office's (the API answers 403 to anyone else).
  if (person.audience !== "backoffice") document.querySelector<HTMLElement>('#tabs [data-view="privacy"]')?.remove();
  // The directory is edited with BookMe.Admin (the API answers 403 without it).
  if (!person.roles.includes("BookMe.Admin"))
    document
      .querySelectorAll<HTMLElement>(
        '#tabs :is([data-view="employees"], [data-view="rooms"], [data-view="topics"], [data-view="customer-types"])',
      )
      .forEach((b) => b.remove());
  const employees = await api<Employee[]>("employees").then(
    (r) => r.data,
    (err: unknown) => (status(`The directory could not be read: ${err instanceof Error ? err.message : String(err)}`), [] as Employee[]),
  );
  const branches = [...new Set(employees.flatMap((e) => e.locations))];
  let branch = person.branch ?? branches[0] ?? "";
  let monday = mondayOf(new Date());
  const view = $("view");
  const branchSelect: HTMLSelectElement = h(
    "select",
    { id: "branch" },
    ...branches.map((b) => h("option", { value: b, ...(b === branch ? { selected: true } : {}) }, b)),
  );
  branchSelect.addEventListener("change", () => {
    branch = branchSelect.value;
    void show(current);
  });
  let current = "week";
  let period: Period = "week";
  const periodSelect: HTMLSelectElement = h(
    "select",
    { id: "period" },
    h("option", { value: "week", selected: true }, "Weeks"),
    h("option", { value: "month" }, "Months"),
  );
  periodSelect.addEventListener("change", () => {
    period = periodSelect.value === "month" ? "month" : "week";
    void show(current);
  });

  async function show(name: string) {
    current = name;
    document
      .querySelectorAll<HTMLButtonElement>("#tabs button")
      .forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.view === name)));
    const content = h("div");
    const toolbar = h("div", { class: "toolbar" }, h("label", { for: "branch" }, "Branch"), branchSelect);
    try {
      if (name === "week") {
        const week = monday.toISOString().slice(0, 10);
        toolbar.append(
          h(
            "button",
            { type: "button", onclick: () => ((monday = new Date(monday.getTime() - 7 * 86_400_000)), void show("week")) },
            "Previous week",
          ),
          h("span", {}, `Week of ${week}`),
          h(
            "button",
            { type: "button", onclick: () => ((monday = new Date(monday.getTime() + 7 * 86_400_000)), void show("week")) },
            "Next week",
          ),
        );
        view.replaceChildren(h("h2", {}, `Week at ${branch}`), toolbar, content);
        await renderWeek(content, employees, branch, monday, status);
      } else if (name === "analytics") {
        const from = monday.toISOString().slice(0, 10);
        const to = new Date(monday.getTime() + 6 * 86_400_000).toISOString().slice(0, 10);
        toolbar.append(h("label", { for: "period" }, "Period"), periodSelect);
        view.replaceChildren(h("h2", {}, `Utilisation at ${branch}`), toolbar, content);
        await renderAnalytics(content, branch, from, to, period);
      } else if (name === "closures") {
        view.replaceChildren(toolbar, content);
        await renderClosures(content, branch, status);
      } else if (name === "privacy") {
        view.replaceChildren(content);
        await renderPrivacy(content, status);
      } else if (name === "employees") {
        view.replaceChildren(content);
        await renderEmployees(content, status);
      } else if (name === "rooms") {
        view.replaceChildren(content);
        await renderRooms(content, status);
      } else if (name === "topics") {
        view.replaceChildren(content);
        await renderTopics(content, status);
      } else if (name === "customer-types") {
        view.replaceChildren(content);
        await renderCustomerTypes(content, status);
      } else if (name === "meeting-types") {
        view.replaceChildren(content);
        await renderMeetingTypes(content, employees, status);
      } else {
        view.replaceChildren(content);
        await renderWebhooks(content, status);
      }
      status("");
    } catch (err) {
      content.replaceChildren(h("p", { class: "error" }, err instanceof Error ? err.message : String(err)));
    }
  }
  document
    .querySelectorAll<HTMLButtonElement>("#tabs button")
    .forEach((b) => b.addEventListener("click", () => void show(b.dataset.view ?? "week")));
  await show("week");
}

void start();
