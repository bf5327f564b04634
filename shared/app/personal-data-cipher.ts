/** The personal-data cipher the settings call for: Key Vault in Azure, the local dev keys otherwise, or none. */
import { DefaultAzureCredential } from "@azure/identity";
import type { PersonalDataCipher } from "../booking/model/personal-data.js";
import type { PersonalDataConfig } from "../kernel/settings.js";
import { envelopeCipher } from "../crypto/envelope.js";
import { keyVaultKeyWrapper } from "../adapters/key-vault/key-vault-wrapper.js";
import { localKeyWrapper, parseDevKeys } from "../crypto/local-key-wrapper.js";

/** Undefined when neither is set: bookings without personal data work, a CPR is refused (503). */
export function personalDataCipher(config: PersonalDataConfig): PersonalDataCipher | undefined {
  if (config.keyVaultKeyId)
    return envelopeCipher(
      keyVaultKeyWrapper(config.keyVaultKeyId, new DefaultAzureCredential({ managedIdentityClientId: config.managedIdentityClientId })),
    );
  if (config.devKeys) return envelopeCipher(localKeyWrapper(parseDevKeys(config.devKeys)));
  return undefined;
}
