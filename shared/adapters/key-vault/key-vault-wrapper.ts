/**
 * The key-encryption key in Azure Key Vault, reached with the managed identity: data keys are wrapped
 * and unwrapped with RSA-OAEP-256 by the vault (the private key never leaves it). PERSONAL_DATA_KEY_ID
 * is the key's id without a version: new data keys go to its current version (looked up at most every
 * ten minutes, so a rotation is picked up without a restart); each sealed value records the exact
 * version, which unwraps it for as long as that version stays enabled.
 */
import { CryptographyClient, KeyClient, parseKeyVaultKeyIdentifier, type KeyClientOptions } from "@azure/keyvault-keys";
import type { KeyWrapper } from "../../crypto/key-wrapper.js";

const CURRENT_VERSION_TTL_MS = 10 * 60_000;
type TokenCredential = ConstructorParameters<typeof KeyClient>[1];

export interface KeyVaultWrapperOptions {
  now?: () => number;
  /** Client options (tests: a Key Vault stand-in on 127.0.0.1 needs disableChallengeResourceVerification). */
  clientOptions?: KeyClientOptions;
}

export function keyVaultKeyWrapper(keyId: string, credential: TokenCredential, options: KeyVaultWrapperOptions = {}): KeyWrapper {
  const { now = Date.now, clientOptions } = options;
  const { vaultUrl, name, version: pinned } = parseKeyVaultKeyIdentifier(keyId);
  const keys = new KeyClient(vaultUrl, credential, clientOptions);
  const clients = new Map<string, CryptographyClient>();
  const clientFor = (kid: string) => {
    let client = clients.get(kid);
    if (!client) clients.set(kid, (client = new CryptographyClient(kid, credential, clientOptions)));
    return client;
  };
  let current: { kid: string; until: number } | undefined;
  const currentKid = async () => {
    if (pinned) return `${vaultUrl}/keys/${name}/${pinned}`;
    if (!current || now() >= current.until) {
      const key = await keys.getKey(name);
      if (!key.id) throw new Error(`Key Vault key ${name} has no id`);
      current = { kid: key.id, until: now() + CURRENT_VERSION_TTL_MS };
    }
    return current.kid;
  };
  return {
    async wrap(dataKey) {
      const kid = await currentKid();
      const { result } = await clientFor(kid).wrapKey("RSA-OAEP-256", dataKey);
      return { kid, wrapAlg: "RSA-OAEP-256", wrappedKey: result };
    },
    async unwrap({ kid, wrapAlg, wrappedKey }) {
      // Only versions of the configured key: a stored kid must not send the identity's token to another vault.
      const parsed = parseKeyVaultKeyIdentifier(kid);
      if (parsed.vaultUrl !== vaultUrl || parsed.name !== name || !parsed.version || wrapAlg !== "RSA-OAEP-256")
        throw new Error("the sealed value names a key other than PERSONAL_DATA_KEY_ID");
      return (await clientFor(kid).unwrapKey("RSA-OAEP-256", wrappedKey)).result;
    },
  };
}
