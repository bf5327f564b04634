/**
 * `npm run seed`: loads the demo directory through the repositories into the Cosmos DB that
 * COSMOS_ENDPOINT/COSMOS_KEY name (default: the embedded server of a running `npm start`).
 */
import { EMULATOR_KEY } from "../cosmos-server.js";
import { seedDemoDirectory } from "./seed.js";

process.env.COSMOS_ENDPOINT ||= "http://127.0.0.1:8081";
process.env.COSMOS_KEY ||= EMULATOR_KEY;
process.env.AUTH_ISSUER ||= "unused";
process.env.AUTH_AUDIENCE ||= "unused";
process.env.AUTH_JWKS_URI ||= "http://unused";
console.log(`seeded: ${await seedDemoDirectory()}`);
process.exit(0);
