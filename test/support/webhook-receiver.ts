/** The webhook receiver (dev/webhook-receiver.ts), for tests. */
export { WebhookReceiver, type Behaviour, type Delivery } from "../../dev/webhook-receiver.js";
