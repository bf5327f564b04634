/** The Graph calendar adapter (one msal client, one HTTP gate), or undefined when sync is off. */
import type { CalendarConfig } from "../../kernel/settings.js";
import { GraphCalendar } from "./graph-calendar.js";
import { GraphHttp } from "./graph-http.js";
import { graphTokenProvider } from "./graph-token.js";

export function graphCalendar(config: CalendarConfig): GraphCalendar | undefined {
  if (!config.enabled) return undefined;
  return new GraphCalendar(new GraphHttp({ baseUrl: config.graphBaseUrl, token: graphTokenProvider(config) }));
}
