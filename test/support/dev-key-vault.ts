/**
 * A Key Vault stand-in for tests, speaking the data-plane REST API the @azure/keyvault-keys clients use:
 * the bearer challenge (401 + WWW-Authenticate), GET /keys/{name}[/{version}], POST .../wrapkey and
 * .../unwrapkey with RSA-OAEP-256 over real RSA keys (node:crypto), and a rotation that adds a version.
 * The private keys never leave it, as in Key Vault.
 */
import { constants, generateKeyPairSync, privateDecrypt, publicEncrypt, randomUUID, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

const TOKEN = `dev-key-vault-token-${randomUUID()}`;
const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" } as const;

export interface DevKeyVault {
  url: string;
  /** A token credential the stand-in accepts (it checks the bearer token on every call). */
  credential: { getToken(): Promise<{ token: string; expiresOnTimestamp: number }> };
  versions(): string[];
  rotate(): void;
  /** Requests served, as "METHOD /path". */
  calls(): string[];
  close(): Promise<void>;
}

interface Version {
  id: string;
  publicKey: KeyObject;
  privateKey: KeyObject;
}

export async function devKeyVault(keyName: string): Promise<DevKeyVault> {
  const versions: Version[] = [];
  const calls: string[] = [];
  const rotate = () => {
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    versions.push({ id: randomUUID().replace(/-/g, ""), publicKey, privateKey });
  };
  rotate();
  let url = "";
  const keyBundle = (v: Version) => {
    const jwk = v.publicKey.export({ format: "jwk" });
    return {
      key: { kid: `${url}/keys/${keyName}/${v.id}`, kty: "RSA", key_ops: ["wrapKey", "unwrapKey"], n: jwk.n, e: jwk.e },
      attributes: { enabled: true, created: 1_700_000_000, updated: 1_700_000_000, recoveryLevel: "Recoverable+Purgeable" },
    };
  };

  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      calls.push(`${req.method} ${path}`);
      const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(json));
      };
      if (req.headers.authorization !== `Bearer ${TOKEN}`)
        return send(
          401,
          { error: { code: "Unauthorized" } },
          {
            "www-authenticate": 'Bearer authorization="https://login.microsoftonline.com/dev-tenant", resource="https://vault.azure.net"',
          },
        );
      const m = /^\/keys\/([^/]+)(?:\/([^/]*))?(?:\/(wrapkey|unwrapkey))?$/.exec(path);
      const version = m && m[1] === keyName ? (m[2] ? versions.find((v) => v.id === m[2]) : versions.at(-1)) : undefined;
      if (!m || !version) return send(404, { error: { code: "KeyNotFound", message: "no such key" } });
      if (!m[3] && req.method === "GET") return send(200, keyBundle(version));
      const { alg, value } = JSON.parse(body) as { alg: string; value: string };
      if (alg !== "RSA-OAEP-256") return send(400, { error: { code: "BadParameter", message: `unsupported ${alg}` } });
      try {
        const input = Buffer.from(value, "base64url");
        const out =
          m[3] === "wrapkey"
            ? publicEncrypt({ key: version.publicKey, ...OAEP }, input)
            : privateDecrypt({ key: version.privateKey, ...OAEP }, input);
        send(200, { kid: `${url}/keys/${keyName}/${version.id}`, value: out.toString("base64url") });
      } catch {
        send(400, { error: { code: "BadParameter", message: "the value could not be unwrapped" } });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    credential: { getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }) },
    versions: () => versions.map((v) => v.id),
    rotate,
    calls: () => [...calls],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
