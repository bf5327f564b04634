/**
 * A directory for the booking page's tests, made through the config API: one customer type with
 * two topics (and a hidden one), a branch with one advisor (races are decided there) and a branch
 * with two (round-robin), each with a room. Advisors work 08:00-20:00 Copenhagen time every day.
 */
import { randomUUID } from "node:crypto";
import { ALL_DAYS, createCustomerType, createEmployee, createRoom, createTopic, hours, type Api } from "./fixtures.js";

export interface PageDirectory {
  customerTypeId: string;
  customerTypeName: string;
  otherCustomerTypeId: string;
  topicId: string;
  topicName: string;
  otherTypeTopicName: string;
  hiddenTopicId: string;
  soloBranch: string;
  pairBranch: string;
  soloAdvisor: string;
  pairAdvisors: string[];
}

export async function seedPageDirectory(api: Api): Promise<PageDirectory> {
  const tag = randomUUID().slice(0, 6);
  const customerTypeName = `Private ${tag}`;
  const customerTypeId = (await createCustomerType(api, customerTypeName)).id;
  const otherCustomerTypeId = (await createCustomerType(api, `Business ${tag}`)).id;
  const topicName = `Pension ${tag}`;
  const otherTypeTopicName = `Business credit ${tag}`;
  const topicId = (await createTopic(api, { name: topicName, customerTypeIds: [customerTypeId], durationMinutes: 60 })).id;
  const otherTopic = (await createTopic(api, { name: otherTypeTopicName, customerTypeIds: [otherCustomerTypeId], durationMinutes: 60 })).id;
  const hiddenTopicId = (await createTopic(api, { name: `Internal ${tag}`, isCustomerVisible: false })).id;
  const soloBranch = `Solby ${tag}`;
  const pairBranch = `Parby ${tag}`;
  const advisor = (branch: string, name: string) =>
    createEmployee(api, {
      name,
      workingHours: hours(ALL_DAYS, "08:00", "20:00"),
      locations: [branch],
      topicIds: [topicId, otherTopic, hiddenTopicId],
      customerTypeIds: [customerTypeId, otherCustomerTypeId],
    });
  const soloAdvisor = (await advisor(soloBranch, "Anna Jensen")).id;
  const pairAdvisors = [(await advisor(pairBranch, "Mads Nielsen")).id, (await advisor(pairBranch, "Sofie Hansen")).id];
  for (const branch of [soloBranch, pairBranch]) await createRoom(api, { location: branch, name: `${branch} room` });
  return {
    customerTypeId,
    customerTypeName,
    otherCustomerTypeId,
    topicId,
    topicName,
    otherTypeTopicName,
    hiddenTopicId,
    soloBranch,
    pairBranch,
    soloAdvisor,
    pairAdvisors,
  };
}
