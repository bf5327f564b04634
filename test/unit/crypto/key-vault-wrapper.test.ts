/**
 * The Key Vault adapter, driven through the real @azure/keyvault-keys clients against a stand-in of
 * Key Vault's REST API (test/support/dev-key-vault.ts): the current key version wraps and is recorded,
 * each value unwraps with its own version after a rotation, and a kid of another vault or key is refused
 * before any call (a stored document must not send the identity's token elsewhere).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cprContext } from "../../../shared/booking/model/personal-data.js";
import { envelopeCipher } from "../../../shared/crypto/envelope.js";
import { keyVaultKeyWrapper } from "../../../shared/adapters/key-vault/key-vault-wrapper.js";
import { devKeyVault, type DevKeyVault } from "../../support/dev-key-vault.js";

const KEY = "bookme-personal-data";
let vault: DevKeyVault;
beforeAll(async () => (vault = await devKeyVault(KEY)));
afterAll(async () => vault?.close());

const wrapperAt = (clock: { now: number }) =>
  keyVaultKeyWrapper(`${vault.url}/keys/${KEY}`, vault.credential, {
    now: () => clock.now,
    clientOptions: { disableChallengeResourceVerification: true, allowInsecureConnection: true, retryOptions: { maxRetries: 0 } },
  });

describe("Key Vault key wrapper", () => {
  it("wraps with the current version and records it; after a rotation new values use the new one, old ones still open", async () => {
    const clock = { now: 0 };
    const cipher = envelopeCipher(wrapperAt(clock));
    const first = await cipher.seal("0101901234", cprContext("m1"));
    expect(first).toMatchObject({ wrapAlg: "RSA-OAEP-256", kid: `${vault.url}/keys/${KEY}/${vault.versions()[0]}` });

    vault.rotate();
    const stillCached = await cipher.seal("0101901234", cprContext("m3"));
    expect(stillCached.kid).toBe(first.kid); // the current version is looked up at most every ten minutes
    clock.now += 11 * 60_000;
    const second = await cipher.seal("1112131234", cprContext("m2"));
    expect(second.kid).toBe(`${vault.url}/keys/${KEY}/${vault.versions()[1]}`);

    expect(await cipher.open(first, cprContext("m1"))).toBe("0101901234");
    expect(await cipher.open(second, cprContext("m2"))).toBe("1112131234");
    await expect(cipher.open(first, cprContext("m2"))).rejects.toThrow(); // the AAD still binds it to its meeting
    // the vault did the unwrapping, each with the version named
    const unwraps = vault.calls().filter((c) => c.endsWith("/unwrapkey"));
    expect(unwraps).toEqual(
      expect.arrayContaining([`POST /keys/${KEY}/${vault.versions()[0]}/unwrapkey`, `POST /keys/${KEY}/${vault.versions()[1]}/unwrapkey`]),
    );
  });

  it("a wrapped key changed in storage is refused by the vault", async () => {
    const wrapper = wrapperAt({ now: 0 });
    const wrapped = await wrapper.wrap(randomBytes(32));
    const bad = Buffer.from(wrapped.wrappedKey);
    bad[0] ^= 1;
    await expect(wrapper.unwrap({ ...wrapped, wrappedKey: bad })).rejects.toThrow();
  });

  it("refuses a kid of another vault or key, or one without a version, without calling anyone", async () => {
    const wrapper = wrapperAt({ now: 0 });
    const wrapped = await wrapper.wrap(randomBytes(32));
    const before = vault.calls().length;
    for (const kid of [`https://evil.vault.azure.net/keys/${KEY}/abc`, `${vault.url}/keys/other-key/abc`, `${vault.url}/keys/${KEY}`])
      await expect(wrapper.unwrap({ ...wrapped, kid })).rejects.toThrow(/names a key other than/);
    await expect(wrapper.unwrap({ ...wrapped, wrapAlg: "A256KW" })).rejects.toThrow(/names a key other than/);
    expect(vault.calls().length).toBe(before);
  });
});
