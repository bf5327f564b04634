/** Danish and English texts; the default follows navigator.language, the switch is remembered. */
export type Lang = "da" | "en";

const en = {
  title: "Book a meeting",
  skip: "Skip to content",
  switchTo: "Dansk",
  switchLabel: "Skift til dansk",
  intro: "Choose what you would like to talk about and how you would like to meet, then pick a free time.",
  stepChoose: "1. What and how",
  customerType: "I am a",
  topic: "Topic",
  noTopics: "There are no topics to book for this customer type.",
  howToMeet: "How would you like to meet?",
  Physical: "At a branch",
  Online: "Online (video)",
  Telephone: "By phone",
  branch: "Branch",
  branchHintPhysical: "The branch where you would like to meet.",
  branchHintRemote: "Your branch: one of its advisors will call or meet you online.",
  chooseBranch: "Choose a branch",
  showTimes: "Show free times",
  stepTimes: "2. Pick a time",
  zoneNote: (zone: string) => `Times are shown in your time zone: ${zone}.`,
  prevWeek: "Previous week",
  nextWeek: "Next week",
  weekOf: (from: string, to: string) => `Week ${from} – ${to}`,
  noTimesDay: "No free times",
  noTimesWeek: "No free times this week. Try the next week.",
  loading: "Loading…",
  timeLabel: (day: string, time: string) => `${day}, ${time}`,
  held: (when: string) => `We are holding ${when} for you.`,
  timeLeft: "Time left",
  heldHelp: "Fill in your details and book before the time runs out. Picking another time moves the hold.",
  holdEnded: "The hold on this time has ended, so someone else may book it.",
  holdAgain: "Hold this time again",
  holdWarning: "Less than a minute left on the hold.",
  keepHolding: "Keep holding this time",
  taken: "Sorry, that time was just taken by someone else.",
  alternatives: "Free times close to it:",
  noAlternatives: "There are no free times close to it. Please pick another time in the week view.",
  stepDetails: "3. Your details",
  name: "Full name",
  email: "Email",
  phone: "Phone",
  cpr: "CPR number (optional)",
  cprHint: "10 digits, e.g. 010190-1234. It helps your advisor prepare.",
  notes: "What would you like to talk about? (optional)",
  book: "Book meeting",
  booking: "Booking…",
  fixErrors: "Please correct the following:",
  outage: "We cannot reach the booking system right now. What you typed is kept.",
  rateLimited: (s: string) => `Too many attempts. Please wait ${s} seconds and try again. What you typed is kept.`,
  retry: "Try again",
  bookedTitle: "Your meeting is booked",
  bookedText: (when: string) => `See you ${when}.`,
  with: (name: string) => `Advisor: ${name}`,
  at: (branch: string) => `Branch: ${branch}`,
  downloadIcs: "Add to calendar (.ics)",
  manageTitle: "Change or cancel",
  manageText: "Keep this link: with it you can move or cancel the meeting.",
  manageLink: "Manage my booking",
  bookAnother: "Book another meeting",
  manageHeading: "Your meeting",
  invalidLink: "This link is not valid, or the meeting has been cancelled.",
  status: "Status",
  Booked: "Booked",
  Cancelled: "Cancelled",
  when: "When",
  how: "How",
  topicLabel: "Topic",
  reschedule: "Change time",
  cancel: "Cancel meeting",
  cancelReason: "Why are you cancelling?",
  confirmCancel: "Cancel the meeting",
  keep: "Keep the meeting",
  cancelled: "Your meeting is cancelled.",
  moveTo: (when: string) => `Move the meeting to ${when}?`,
  confirmMove: "Move meeting",
  keepTime: "Keep the current time",
  moved: (when: string) => `Your meeting is moved to ${when}.`,
  minutes: "min",
  fieldErrors: {
    name: "Enter your full name.",
    email: "Enter an email address like name@example.com.",
    phone: "Enter a phone number: digits, optionally with +, spaces or hyphens.",
    cpr: "Enter a valid CPR number: 10 digits (DDMMYY-SSSS) with a real date, or leave it empty.",
    notes: "The notes are too long (at most 2000 characters).",
    reason: "Tell us briefly why you are cancelling.",
  } as Record<string, string>,
};

export type Texts = typeof en;

const da: Texts = {
  title: "Book et møde",
  skip: "Gå til indhold",
  switchTo: "English",
  switchLabel: "Switch to English",
  intro: "Vælg hvad du vil tale om, og hvordan du vil mødes. Vælg derefter en ledig tid.",
  stepChoose: "1. Hvad og hvordan",
  customerType: "Jeg er",
  topic: "Emne",
  noTopics: "Der er ingen emner at booke for denne kundetype.",
  howToMeet: "Hvordan vil du mødes?",
  Physical: "I en filial",
  Online: "Online (video)",
  Telephone: "Telefonisk",
  branch: "Filial",
  branchHintPhysical: "Filialen hvor du vil mødes.",
  branchHintRemote: "Din filial: en af dens rådgivere ringer til dig eller mødes med dig online.",
  chooseBranch: "Vælg en filial",
  showTimes: "Vis ledige tider",
  stepTimes: "2. Vælg en tid",
  zoneNote: (zone) => `Tiderne vises i din tidszone: ${zone}.`,
  prevWeek: "Forrige uge",
  nextWeek: "Næste uge",
  weekOf: (from, to) => `Uge ${from} – ${to}`,
  noTimesDay: "Ingen ledige tider",
  noTimesWeek: "Ingen ledige tider denne uge. Prøv næste uge.",
  loading: "Henter…",
  timeLabel: (day, time) => `${day}, ${time}`,
  held: (when) => `Vi holder ${when} til dig.`,
  timeLeft: "Tid tilbage",
  heldHelp: "Udfyld dine oplysninger og book, før tiden løber ud. Vælger du en anden tid, flyttes reservationen.",
  holdEnded: "Reservationen af tiden er udløbet, så en anden kan nu booke den.",
  holdAgain: "Reservér tiden igen",
  holdWarning: "Der er under et minut tilbage af reservationen.",
  keepHolding: "Behold reservationen",
  taken: "Beklager, tiden er netop blevet taget af en anden.",
  alternatives: "Ledige tider tæt på:",
  noAlternatives: "Der er ingen ledige tider tæt på. Vælg en anden tid i ugeoversigten.",
  stepDetails: "3. Dine oplysninger",
  name: "Fulde navn",
  email: "E-mail",
  phone: "Telefon",
  cpr: "CPR-nummer (valgfrit)",
  cprHint: "10 cifre, fx 010190-1234. Det hjælper din rådgiver med at forberede sig.",
  notes: "Hvad vil du gerne tale om? (valgfrit)",
  book: "Book møde",
  booking: "Booker…",
  fixErrors: "Ret venligst følgende:",
  outage: "Vi kan ikke få forbindelse til bookingsystemet lige nu. Det, du har skrevet, er gemt.",
  rateLimited: (s) => `For mange forsøg. Vent ${s} sekunder, og prøv igen. Det, du har skrevet, er gemt.`,
  retry: "Prøv igen",
  bookedTitle: "Dit møde er booket",
  bookedText: (when) => `Vi ses ${when}.`,
  with: (name) => `Rådgiver: ${name}`,
  at: (branch) => `Filial: ${branch}`,
  downloadIcs: "Føj til kalender (.ics)",
  manageTitle: "Ændr eller aflys",
  manageText: "Gem dette link: med det kan du flytte eller aflyse mødet.",
  manageLink: "Administrér min booking",
  bookAnother: "Book et nyt møde",
  manageHeading: "Dit møde",
  invalidLink: "Linket er ikke gyldigt, eller mødet er aflyst.",
  status: "Status",
  Booked: "Booket",
  Cancelled: "Aflyst",
  when: "Hvornår",
  how: "Hvordan",
  topicLabel: "Emne",
  reschedule: "Skift tid",
  cancel: "Aflys møde",
  cancelReason: "Hvorfor aflyser du?",
  confirmCancel: "Aflys mødet",
  keep: "Behold mødet",
  cancelled: "Dit møde er aflyst.",
  moveTo: (when) => `Flyt mødet til ${when}?`,
  confirmMove: "Flyt møde",
  keepTime: "Behold nuværende tid",
  moved: (when) => `Dit møde er flyttet til ${when}.`,
  minutes: "min.",
  fieldErrors: {
    name: "Skriv dit fulde navn.",
    email: "Skriv en e-mailadresse som navn@eksempel.dk.",
    phone: "Skriv et telefonnummer: cifre, evt. med +, mellemrum eller bindestreg.",
    cpr: "Skriv et gyldigt CPR-nummer: 10 cifre (DDMMÅÅ-SSSS) med en rigtig dato, eller lad feltet stå tomt.",
    notes: "Beskeden er for lang (højst 2000 tegn).",
    reason: "Fortæl kort, hvorfor du aflyser.",
  },
};

const TEXTS: Record<Lang, Texts> = { da, en };
const KEY = "bookme.lang";

function initialLang(): Lang {
  const saved = safeStorage()?.getItem(KEY);
  if (saved === "da" || saved === "en") return saved;
  return (navigator.language || "en").toLowerCase().startsWith("da") ? "da" : "en";
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

let lang: Lang = initialLang();

export const currentLang = () => lang;
export const t = (): Texts => TEXTS[lang];

export function setLang(next: Lang) {
  lang = next;
  safeStorage()?.setItem(KEY, next);
  document.documentElement.lang = next;
}

/** The page's own words for a field the API named; the API's message for any other field. */
export const fieldMessage = (field: string, apiMessage: string): string => t().fieldErrors[field] ?? apiMessage;
