/** The booking page's entry: language, then the booking flow or (for /book/manage/{id}) the manage page. */
import { render as renderBooking, startBooking } from "./booking.js";
import { currentLang, setLang, t } from "./i18n.js";
import { render as renderManage, startManage } from "./manage.js";

const main = document.getElementById("main")!;
const langButton = document.getElementById("lang") as HTMLButtonElement;
const skip = document.querySelector<HTMLAnchorElement>(".skip")!;
const manage = /^\/book\/manage\/([^/]+)\/?$/.exec(location.pathname);

function applyLang() {
  const texts = t();
  document.documentElement.lang = currentLang();
  langButton.textContent = texts.switchTo;
  langButton.setAttribute("lang", currentLang() === "da" ? "en" : "da");
  langButton.setAttribute("aria-label", texts.switchLabel);
  skip.textContent = texts.skip;
}

langButton.addEventListener("click", () => {
  setLang(currentLang() === "da" ? "en" : "da");
  applyLang();
  if (manage) renderManage();
  else renderBooking();
  langButton.focus();
});

applyLang();
if (manage) {
  const secret = new URLSearchParams(location.hash.slice(1)).get("secret") ?? "";
  void startManage(main, decodeURIComponent(manage[1]), secret);
  // Another manage link pasted into this tab changes only the fragment: load it afresh.
  window.addEventListener("hashchange", () => location.reload());
} else {
  void startBooking(main);
}
