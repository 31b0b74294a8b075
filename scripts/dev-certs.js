// HTTPS options for the webpack dev server, from the Office dev certificates in
// ~/.office-addin-dev-certs. `office-addin-dev-certs install` and its getHttpsServerOptions() also
// try to trust the CA with sudo, which fails on machines without it (and still exits 0), so
// missing or expired files are generated here with the package's generateCertificates() alone.
"use strict";

const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");

const CERT_DIR = path.join(os.homedir(), ".office-addin-dev-certs");
const FILES = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };

function paths(dir) {
  return {
    key: path.join(dir, FILES.key),
    cert: path.join(dir, FILES.cert),
    ca: path.join(dir, FILES.ca),
  };
}

// Why the current files cannot be used, or null when they can.
function unusableReason(files) {
  const missing = Object.values(files).filter((file) => !fs.existsSync(file));
  if (missing.length > 0) return `missing ${missing.map((f) => path.basename(f)).join(", ")}`;
  const validTo = new Date(new crypto.X509Certificate(fs.readFileSync(files.cert)).validTo);
  // A day of margin so a long dev session does not cross the expiry.
  if (validTo.getTime() - Date.now() < 24 * 60 * 60 * 1000)
    return `localhost.crt expires ${validTo.toISOString()}`;
  return null;
}

// generateCertificates() is async and skips writing when ca.crt already exists, so run it in a child
// process (httpsOptions stays synchronous for webpack.config.js) on a fresh directory, then move the
// complete, matching set into place.
function generate(dir) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "office-addin-dev-certs-"));
  const target = paths(tmp);
  const generator = require.resolve("office-addin-dev-certs/lib/generate");
  const program = `require(${JSON.stringify(generator)})
    .generateCertificates(${JSON.stringify(target.ca)}, ${JSON.stringify(target.cert)}, ${JSON.stringify(target.key)})
    .catch((err) => { console.error(err.message); process.exit(1); });`;
  try {
    execFileSync(process.execPath, ["-e", program], { stdio: ["ignore", "ignore", "pipe"] });
  } catch (err) {
    throw new Error(
      `Could not generate dev certificates: ${String(err.stderr || err.message).trim()}`
    );
  } finally {
    fs.mkdirSync(dir, { recursive: true });
    for (const name of Object.values(FILES)) {
      const from = path.join(tmp, name);
      if (fs.existsSync(from)) fs.copyFileSync(from, path.join(dir, name));
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  fs.chmodSync(path.join(dir, FILES.key), 0o600);
}

/**
 * { key, cert, ca } for https.createServer / webpack-dev-server `server.options`.
 * `dir` defaults to ~/.office-addin-dev-certs (the location Office's tools use); tests pass a temp dir.
 */
function httpsOptions(dir = CERT_DIR) {
  const files = paths(dir);
  const reason = unusableReason(files);
  if (reason) {
    generate(dir);
    console.error(
      `Generated new dev certificates in ${dir} (${reason}).\n` +
        `Trust ${files.ca} in your OS or browser so Office can load https://localhost:3000/ (again after every regeneration).`
    );
  }
  return {
    key: fs.readFileSync(files.key),
    cert: fs.readFileSync(files.cert),
    ca: fs.readFileSync(files.ca),
  };
}

module.exports = { CERT_DIR, httpsOptions };
