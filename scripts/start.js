// `npm start`. With Excel (Windows, macOS): build, then office-addin-debugging sideloads the manifest
// and starts the dev server. Elsewhere (Linux: office-addin-debugging says "Platform not supported"),
// run the https dev server in the foreground and print how to sideload manifest.xml by hand.
// Exit codes: 0 stopped cleanly (Ctrl-C or `npm stop`), 1 could not start, else the failing tool's code.
"use strict";

const fs = require("fs");
const path = require("path");
const { spawn, spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const PID_FILE = path.join(ROOT, ".dev-server.pid");
const DEV_SERVER = "npx webpack serve --mode development";
const HAS_EXCEL = process.platform === "win32" || process.platform === "darwin";

function run(command, args) {
  // npm is npm.cmd on Windows, which Node only spawns through a shell.
  const result = spawnSync(command, args, {
    cwd: ROOT,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  if (result.error) {
    console.error(`Cannot run ${command}: ${result.error.message}`);
    return 1;
  }
  return result.status === null ? 1 : result.status;
}

function startWithExcel() {
  const built = run("npm", ["run", "build:dev"]);
  if (built !== 0) return built;
  const debugging = require.resolve("office-addin-debugging/cli.js");
  return run(process.execPath, [
    debugging,
    "start",
    MANIFEST,
    "desktop",
    "--app",
    "excel",
    "--dev-server",
    DEV_SERVER,
    "--dev-server-port",
    process.env.npm_package_config_dev_server_port || "3000",
  ]);
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}

/** What `npm start` prints where it cannot sideload: the pane's own address (the server's root is a 404). */
function sideloadHelp(manifestXml = fs.readFileSync(MANIFEST, "utf8")) {
  const ca = path.join(require("./dev-certs").CERT_DIR, "ca.crt");
  const pane = require("./manifest").paneUrl(manifestXml);
  return `
Task pane:  ${pane} (dev server; no Excel on ${process.platform}, so nothing is sideloaded).
Manifest:   ${MANIFEST}

Sideload it:
  Excel on the web: open a workbook, Insert > Add-ins > Upload My Add-in, pick the manifest above.
    The browser must trust the dev CA ${ca}
    (import it as a trusted authority, or open ${pane} once and accept).
  Excel on Windows: share the folder holding manifest.xml and add it as a Trusted Add-in Catalog,
    or run \`npx office-addin-debugging start manifest.xml\` on that machine.
  Excel on Mac: copy manifest.xml into ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/
    and restart Excel.
Stop with Ctrl-C here, or \`npm stop\` from another terminal.
`;
}

function startServerOnly() {
  if (fs.existsSync(PID_FILE)) {
    const pid = Number(fs.readFileSync(PID_FILE, "utf8").trim());
    if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) {
      console.error(
        `A dev server is already running (pid ${pid}, ${PID_FILE}). Run \`npm stop\` first.`
      );
      return Promise.resolve(1);
    }
    fs.rmSync(PID_FILE, { force: true }); // stale: its process is gone
  }
  try {
    // Create or renew the certificates now, so their messages come before webpack's output.
    require("./dev-certs").httpsOptions();
  } catch (err) {
    console.error(err.message);
    return Promise.resolve(1);
  }
  console.log(sideloadHelp());

  // Run webpack-cli directly with this node (what `npx webpack` resolves to) in its own process
  // group, so `npm stop` can end it and anything it spawned even if this script is gone.
  const child = spawn(
    process.execPath,
    [require.resolve("webpack-cli/bin/cli.js"), "serve", "--mode", "development"],
    { cwd: ROOT, stdio: "inherit", detached: true }
  );
  fs.writeFileSync(PID_FILE, `${child.pid}\n`);

  let stopping = false;
  const forward = (signal) => {
    stopping = true;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => forward(signal));

  return new Promise((resolve) => {
    child.on("error", (err) => {
      console.error(`Cannot start the dev server: ${err.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => {
      // Remove the pid file only if it is still ours (npm stop may already have removed it).
      if (
        fs.existsSync(PID_FILE) &&
        fs.readFileSync(PID_FILE, "utf8").trim() === String(child.pid)
      ) {
        fs.rmSync(PID_FILE, { force: true });
      }
      // webpack-dev-server exits 0 after a signal (from here or from `npm stop`) once it has closed.
      const stoppedOnPurpose =
        stopping || code === 0 || ["SIGINT", "SIGTERM", "SIGHUP"].includes(signal);
      if (stoppedOnPurpose) {
        console.log("Dev server stopped.");
        resolve(0);
      } else {
        console.error(`Dev server exited with ${signal ? `signal ${signal}` : `code ${code}`}.`);
        resolve(code === null ? 1 : code);
      }
    });
  });
}

async function main() {
  if (!fs.existsSync(MANIFEST)) {
    console.error(`Missing ${MANIFEST}`);
    return 1;
  }
  return HAS_EXCEL ? startWithExcel() : startServerOnly();
}

module.exports = { sideloadHelp };

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err && err.stack ? err.stack : err);
      process.exit(1);
    }
  );
}
