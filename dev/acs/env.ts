/** The settings that point the app at the dev ACS: its connection string and the senders it accepts. */
export interface DevAcsEndpoint {
  connectionString: string;
}

export const DEV_EMAIL_SENDER = "DoNotReply@bookme.local";
export const DEV_SMS_SENDER = "BookMe";

export function devAcsEnv(acs: DevAcsEndpoint, hostPort: number): Record<string, string> {
  return {
    ACS_CONNECTION_STRING: acs.connectionString,
    ACS_EMAIL_SENDER: DEV_EMAIL_SENDER,
    ACS_SMS_SENDER: DEV_SMS_SENDER,
    MESSAGES_LINK_BASE_URL: `http://localhost:${hostPort}`,
  };
}
