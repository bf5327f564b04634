/** The privacy notice the booking page links and asks the customer to accept before booking (PRIVACY_NOTICE_URL). */
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { PrivacyNoticeView } from "../../shared/api/public/schemas.js";

export const publicPrivacyNotice = registerEndpoint({
  name: "public-privacy-notice",
  prefix: "public/booking",
  method: "GET",
  route: "privacy-notice",
  versions: ["v2"],
  permission: "anonymous",
  summary: "The privacy notice to accept before booking (its URL and version); url null: none is asked for",
  tags: ["Public booking"],
  responses: { 200: { description: "The notice", schema: PrivacyNoticeView } },
  async handle(_input, _ctx, deps): Promise<Reply> {
    const { noticeUrl, noticeVersion } = deps.settings.privacy;
    return {
      status: 200,
      body: { url: noticeUrl ?? null, version: noticeUrl ? noticeVersion : null },
      headers: { "cache-control": "public, max-age=60" },
    };
  },
});
