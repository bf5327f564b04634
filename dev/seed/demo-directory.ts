/** A realistic demo directory: four branches, twenty advisors, rooms, topics and customer types. */
import { createHash } from "node:crypto";
import type { CustomerType, Employee, Room, Topic } from "../../shared/directory/directory.js";
import type { ClientRegistration } from "../../shared/directory/clients.js";

/** Stable UUID-shaped ids from a tag and a name, so generated ids are the same on every machine. */
export function stableId(tag: string, name: string): string {
  const h = createHash("sha256").update(`bookme-${tag}:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const demoId = (name: string): string => stableId("demo", name);

const BRANCHES = ["København", "Aarhus", "Odense", "Aalborg"];
export const FIRST_NAMES = [
  "Anna",
  "Mads",
  "Sofie",
  "Jonas",
  "Freja",
  "Lucas",
  "Ida",
  "Oliver",
  "Emma",
  "Noah",
  "Clara",
  "William",
  "Laura",
  "Oscar",
  "Ella",
  "Victor",
  "Alma",
  "Emil",
  "Karla",
  "Magnus",
];
const LAST = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen"];

export const customerTypes: CustomerType[] = [
  { id: demoId("ct:private"), name: "Private", description: "Personal customers" },
  { id: demoId("ct:business"), name: "Business", description: "Small and medium businesses" },
];

export const topics: Topic[] = [
  { id: demoId("topic:pension"), name: "Pension", customerTypeIds: [customerTypes[0].id], isCustomerVisible: true, durationMinutes: 60 },
  { id: demoId("topic:mortgage"), name: "Home loan", customerTypeIds: [customerTypes[0].id], isCustomerVisible: true, durationMinutes: 60 },
  { id: demoId("topic:investment"), name: "Investment", customerTypeIds: [], isCustomerVisible: true, durationMinutes: 30 },
  {
    id: demoId("topic:business-credit"),
    name: "Business credit",
    customerTypeIds: [customerTypes[1].id],
    isCustomerVisible: true,
    durationMinutes: 90,
  },
  { id: demoId("topic:internal-review"), name: "Internal case review", customerTypeIds: [], isCustomerVisible: false },
];

const weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;

export const employees: Employee[] = FIRST_NAMES.map((first, i) => {
  const branch = BRANCHES[i % BRANCHES.length];
  const late = i % 3 === 0;
  const business = i % 4 === 3;
  return {
    id: demoId(`employee:${i}`),
    name: `${first} ${LAST[i % LAST.length]}`,
    email: `${first.toLowerCase()}.${LAST[i % LAST.length].toLowerCase()}@bank.example`,
    timeZone: "Europe/Copenhagen",
    workingHours: weekdays.flatMap((day) =>
      late
        ? [
            { day, start: "10:00", end: "12:00" },
            { day, start: "12:30", end: "18:00" },
          ]
        : [{ day, start: "09:00", end: "16:00" }],
    ),
    overrides: [],
    meetingTypes: i % 5 === 4 ? ["Online", "Telephone"] : ["Physical", "Online", "Telephone"],
    locations: [branch],
    serviceGroups: business ? ["business"] : i % 2 === 0 ? ["pension"] : ["housing"],
    topicIds: business ? [topics[3].id, topics[2].id, topics[4].id] : [topics[0].id, topics[1].id, topics[2].id, topics[4].id],
    customerTypeIds: business ? [customerTypes[1].id] : [customerTypes[0].id],
    absences: [],
    // One advisor per branch syncs Outlook: npm start seeds a few events into the dev Graph for them.
    calendarSync: i < BRANCHES.length,
    // Their Entra ID user: `npm run token -- --client-id <DEMO_CLIENTS.advisorDesk> --scopes ... --subject <this>`.
    entraObjectId: demoId(`user:${i}`),
  };
});

/** Demo client applications, one per channel (registered by the seed; docs/security.md). */
export const DEMO_PORTAL_ID = demoId("portal:partner");
export const demoClients: ClientRegistration[] = [
  { id: demoId("client:advisor-desk"), name: "Advisor desk (demo)", channel: "Employee" },
  { id: demoId("client:partner-portal"), name: "Partner portal (demo)", channel: "Portal", portalId: DEMO_PORTAL_ID },
  { id: demoId("client:net-bank"), name: "Net bank (demo)", channel: "Customer" },
  { id: demoId("client:chatbot"), name: "Chatbot (demo)", channel: "Bot" },
];

export const rooms: Room[] = BRANCHES.flatMap((branch, b) => [
  {
    id: demoId(`room:${b}:1`),
    name: `${branch} meeting room 1`,
    capacity: 4,
    location: branch,
    features: ["screen"],
    timeZone: "Europe/Copenhagen",
    openingHours: weekdays.map((day) => ({ day, start: "08:00", end: "18:00" })),
  },
  {
    id: demoId(`room:${b}:2`),
    name: `${branch} meeting room 2`,
    capacity: 8,
    location: branch,
    features: ["screen", "video"],
    timeZone: "Europe/Copenhagen",
    openingHours: weekdays.map((day) => ({ day, start: "08:00", end: "18:00" })),
  },
]);
