/**
 * The waitlist offer's link for each kind of entry: a page entry's own choice; a meeting type's entry (bots API,
 * V2, with or without a booking link) the page choice derived from the meeting type (its customer-visible topic, a
 * customer type both allow, its way to meet, its pool's branch) and the type itself; only the type when no
 * customer can book its topic on the page.
 */
import { describe, expect, it } from "vitest";
import type { DirectoryRepository } from "../../../shared/booking/model/ports.js";
import type { CustomerType, Topic } from "../../../shared/directory/directory.js";
import type { MeetingTypeConfig } from "../../../shared/directory/meeting-types.js";
import { pageChoiceOf, pageChoices } from "../../../shared/messages/offer-choice.js";
import { offerUrl } from "../../../shared/messages/waitlist-offers.js";
import type { WaitlistEntry } from "../../../shared/messages/waitlist.js";

const AT = "2030-03-04T09:00:00.000Z";
const BASE = "https://bookme.example/";
const topic = (over: Partial<Topic> = {}) =>
  ({ id: "tp1", name: "Pension", customerTypeIds: [], isCustomerVisible: true, ...over }) as Topic;
const type = (over: Partial<MeetingTypeConfig> = {}) =>
  ({
    id: "mt1",
    name: "Pension advice",
    topicId: "tp1",
    customerTypeIds: [],
    meetingTypes: [],
    pool: { employeeIds: ["e1"] },
    ...over,
  }) as MeetingTypeConfig;
const TYPES: CustomerType[] = [
  { id: "ct-private", name: "Private" },
  { id: "ct-business", name: "Business" },
];
const entry = (over: Partial<WaitlistEntry>) => ({ meetingTypeId: null, choice: null, bookingLinkId: null, ...over }) as WaitlistEntry;

describe("offerUrl", () => {
  const choice = { topicId: "tp1", customerTypeId: "ct-private", meetingType: "Physical", branch: "Aarhus C" };
  const at = `at=${encodeURIComponent(AT)}`;

  it("a page entry: the page's deep link on its choice and the offered time (the page opens that week and holds it)", () => {
    const url = offerUrl(BASE, entry({ choice }), choice, AT);
    expect(url).toBe(`https://bookme.example/book/?customerTypeId=ct-private&topicId=tp1&meetingType=Physical&branch=Aarhus+C&${at}`);
    expect(Object.fromEntries(new URL(url).searchParams)).toEqual({ ...choice, at: AT });
  });

  it("a meeting type's entry: the derived choice, and the type (and bots booking link) for a client booking through its API", () => {
    expect(offerUrl(BASE, entry({ meetingTypeId: "mt1", bookingLinkId: "link_abc" }), choice, AT)).toBe(
      `https://bookme.example/book/?customerTypeId=ct-private&topicId=tp1&meetingType=Physical&branch=Aarhus+C&meetingTypeId=mt1&${at}&link=link_abc`,
    );
  });

  it("no choice: only the meeting type, time and link", () => {
    expect(offerUrl(BASE, entry({ meetingTypeId: "mt1" }), null, AT)).toBe(`https://bookme.example/book/?meetingTypeId=mt1&${at}`);
    expect(offerUrl(BASE, entry({ meetingTypeId: "mt1", bookingLinkId: "link_abc" }), null, AT)).toBe(
      `https://bookme.example/book/?meetingTypeId=mt1&${at}&link=link_abc`,
    );
  });
});

describe("pageChoiceOf (a meeting type's page choice)", () => {
  it("the type's topic, its first customer type the topic allows, its first customer way, its pool's location", () => {
    const t = type({
      customerTypeIds: ["ct-private", "ct-business"],
      meetingTypes: ["Offsite", "Telephone", "Online"],
      pool: { employeeIds: [], location: "Odense" },
    });
    expect(pageChoiceOf(t, topic({ customerTypeIds: ["ct-business"] }), TYPES)).toEqual({
      topicId: "tp1",
      customerTypeId: "ct-business",
      meetingType: "Telephone",
      branch: "Odense",
    });
  });

  it("no customer types on the type: the topic's; on neither: the first by name (the page's default); no way: at its branch, else online", () => {
    expect(pageChoiceOf(type(), topic({ customerTypeIds: ["ct-private"] }), TYPES)).toMatchObject({
      customerTypeId: "ct-private",
      meetingType: "Online",
      branch: "",
    });
    expect(pageChoiceOf(type({ pool: { employeeIds: [], location: "Vejle", serviceGroup: "g" } }), topic(), TYPES)).toMatchObject({
      customerTypeId: "ct-business",
      meetingType: "Physical",
      branch: "Vejle",
    });
  });

  it("none when a customer cannot book the topic on the page: no topic, an invisible one, no customer type both allow", () => {
    expect(pageChoiceOf(type({ topicId: undefined }), topic(), TYPES)).toBeNull();
    expect(pageChoiceOf(type(), undefined, TYPES)).toBeNull();
    expect(pageChoiceOf(type(), topic({ isCustomerVisible: false }), TYPES)).toBeNull();
    expect(pageChoiceOf(type({ customerTypeIds: ["ct-private"] }), topic({ customerTypeIds: ["ct-business"] }), TYPES)).toBeNull();
    expect(pageChoiceOf(type({ customerTypeIds: ["ct-gone"] }), topic(), TYPES)).toBeNull();
  });
});

describe("the offer link of each kind of entry", () => {
  const reads: string[] = [];
  const directory = {
    get: async (kind: string, id: string) => {
      reads.push(`${kind}:${id}`);
      if (kind === "meetingType") return { mt1: type({ meetingTypes: ["Online"] }), mt2: type({ id: "mt2", topicId: undefined }) }[id];
      if (kind === "topic") return id === "tp1" ? topic() : undefined;
      return undefined;
    },
    list: async () => TYPES,
  } as unknown as DirectoryRepository;

  it("page entry: its choice; V2 and bots entries: the meeting type's (read once per type); a type without a page topic: only the type", async () => {
    const choiceOf = pageChoices(directory);
    const own = { topicId: "tp7", customerTypeId: "ct-private", meetingType: "Online", branch: "" };
    const link = async (e: WaitlistEntry) => offerUrl(BASE, e, await choiceOf(e), AT);
    const at = `at=${encodeURIComponent(AT)}`;
    expect(await link(entry({ choice: own }))).toBe(
      `https://bookme.example/book/?customerTypeId=ct-private&topicId=tp7&meetingType=Online&branch=&${at}`,
    );
    const derived = `https://bookme.example/book/?customerTypeId=ct-business&topicId=tp1&meetingType=Online&branch=&meetingTypeId=mt1&${at}`;
    expect(await link(entry({ meetingTypeId: "mt1" }))).toBe(derived);
    expect(await link(entry({ meetingTypeId: "mt1", bookingLinkId: "link_abc", durationMinutes: 30 }))).toBe(`${derived}&link=link_abc`);
    expect(await link(entry({ meetingTypeId: "mt2" }))).toBe(`https://bookme.example/book/?meetingTypeId=mt2&${at}`);
    expect(await link(entry({ meetingTypeId: "mt-gone" }))).toBe(`https://bookme.example/book/?meetingTypeId=mt-gone&${at}`);
    expect(reads.filter((r) => r === "meetingType:mt1")).toHaveLength(1);
  });
});
