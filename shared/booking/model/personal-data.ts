/**
 * Personal data at rest: the port the domain seals values with (a meeting's CPR), and the stored
 * shape of a sealed value. shared/crypto implements it (AES-256-GCM envelope encryption, the data
 * key wrapped by a key-encryption key in Azure Key Vault, or a local dev key).
 */
import { z } from "zod";
import { DomainError } from "../../kernel/errors.js";

/** A value encrypted under its own data key; `kid` names the key-encryption key version that wrapped it. */
export const SealedValue = z.object({
  /** Content encryption: always A256GCM (96-bit IV, 128-bit tag). */
  alg: z.literal("A256GCM"),
  /** The key-encryption key (version) that wrapped the data key: a Key Vault key id, or local:<name>. */
  kid: z.string().min(1),
  /** How the data key was wrapped: RSA-OAEP-256 (Key Vault) or A256KW (local dev key). */
  wrapAlg: z.enum(["RSA-OAEP-256", "A256KW"]),
  /** base64url throughout. */
  wrappedKey: z.string().min(1),
  iv: z.string().min(1),
  tag: z.string().min(1),
  ciphertext: z.string(),
});
export type SealedValue = z.output<typeof SealedValue>;

export interface PersonalDataCipher {
  /** Encrypts `plaintext` bound to `context` (e.g. "meeting:{id}:cpr"): it opens only under the same context. */
  seal(plaintext: string, context: string): Promise<SealedValue>;
  /** Decrypts; throws when the value was changed, or sealed under another context or an unknown key. */
  open(sealed: SealedValue, context: string): Promise<string>;
}

/** What a meeting's CPR is bound to: a ciphertext copied to another meeting (or field) does not open. */
export const cprContext = (meetingId: string) => `meeting:${meetingId}:cpr`;

/** Personal data cannot be sealed (no key configured, or the key service failed): a request carrying some is refused. */
export class PersonalDataUnavailableError extends DomainError {
  constructor(reason: string, cause?: unknown) {
    super("service_unavailable", `personal data cannot be stored now: ${reason}`);
    if (cause !== undefined) Object.assign(this, { cause });
  }
}

/** Seals a meeting's CPR (digits only); refuses with 503 when no cipher is configured or the key service fails. */
export async function sealCpr(cipher: PersonalDataCipher | undefined, meetingId: string, cpr: string): Promise<SealedValue> {
  if (!cipher) throw new PersonalDataUnavailableError("no encryption key is configured");
  try {
    return await cipher.seal(cpr, cprContext(meetingId));
  } catch (err) {
    throw new PersonalDataUnavailableError("the key service did not wrap the data key", err);
  }
}
