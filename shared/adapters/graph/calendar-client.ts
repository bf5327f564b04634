/** The Graph calendar adapter of this process (one msal client, one HTTP gate), or undefined when sync is off. */
import { loadCalendarConfig } from "../../kernel/settings.js";
import { GraphCalendar } from "./graph-calendar.js";
import { GraphHttp } from "./graph-http.js";
import { graphTokenProvider } from "./graph-token.js";

let adapter: GraphCalendar | undefined;

export function graphCalendar(): GraphCalendar | undefined {
  if (adapter) return adapter;
  const config = loadCalendarConfig();
  if (!config.enabled) return undefined;
  adapter = new GraphCalendar(new GraphHttp({ baseUrl: config.graphBaseUrl, token: graphTokenProvider(config) }));
  return adapter;
}
