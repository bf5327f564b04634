import { registerTimer } from "../../shared/app/register.js";
import { migrateOwnerEntities } from "../../shared/booking/commands/owner-entities.js";

/**
 * Once at start-up and then daily: Bot-channel meetings made before owners had entities get their
 * owner's entity (the API key's, or client:{appId}). Idempotent; with nothing left it is one query.
 */
export const ownerEntitiesMigrate = registerTimer({
  name: "owner-entities-migrate",
  schedule: "0 17 3 * * *",
  runOnStartup: true,
  async run(deps, _now, context) {
    const report = await migrateOwnerEntities(deps);
    context.log(JSON.stringify({ message: "owner entities migrated", ...report }));
  },
});
