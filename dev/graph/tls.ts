/**
 * A dev CA and a localhost server certificate for the dev Graph, generated once into the data
 * folder with openssl (node:crypto cannot issue X.509 certificates). The stack's processes trust
 * the CA through NODE_EXTRA_CA_CERTS; TLS checks stay on everywhere.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export interface DevTls {
  caFile: string;
  key: string;
  cert: string;
}

function openssl(args: string[], cwd: string) {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

export function ensureDevTls(dataDir: string): DevTls {
  const dir = path.join(dataDir, "dev-graph", "tls");
  const caFile = path.join(dir, "ca.pem");
  const keyFile = path.join(dir, "server-key.pem");
  const certFile = path.join(dir, "server.pem");
  if (!fs.existsSync(certFile)) {
    fs.mkdirSync(dir, { recursive: true });
    openssl(
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca-key.pem",
        "-out",
        "ca.pem",
        "-days",
        "3650",
        "-subj",
        "/CN=BookMe local dev CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
      ],
      dir,
    );
    openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server-key.pem", "-out", "server.csr", "-subj", "/CN=localhost"], dir);
    fs.writeFileSync(
      path.join(dir, "server.ext"),
      "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n",
    );
    openssl(
      [
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca-key.pem",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "825",
        "-extfile",
        "server.ext",
      ],
      dir,
    );
    fs.chmodSync(path.join(dir, "ca-key.pem"), 0o600);
    fs.chmodSync(keyFile, 0o600);
  }
  return { caFile, key: fs.readFileSync(keyFile, "utf8"), cert: fs.readFileSync(certFile, "utf8") };
}
