/** The personal-data cipher the settings call for: Key Vault in Azure, the local dev keys otherwise, or none. */
import { DefaultAzureCredential } from "@azure/identity";
import type { PersonalDataCipher } from "../booking/personal-data.js";
import type { PersonalDataConfig } from "../config/settings.js";
import { envelopeCipher } from "./envelope.js";
import { keyVaultKeyWrapper } from "./key-vault-wrapper.js";
import { localKeyWrapper, parseDevKeys } from "./local-key-wrapper.js";

/** Undefined when neither is set: bookings without personal data work, a CPR is refused (503). */
export function personalDataCipher(config: PersonalDataConfig): PersonalDataCipher | undefined {
  if (config.keyVaultKeyId)
    return envelopeCipher(
      keyVaultKeyWrapper(config.keyVaultKeyId, new DefaultAzureCredential({ managedIdentityClientId: config.managedIdentityClientId })),
    );
  if (config.devKeys) return envelopeCipher(localKeyWrapper(parseDevKeys(config.devKeys)));
  return undefined;
}
