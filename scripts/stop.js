// `npm stop`. With Excel (Windows, macOS): office-addin-debugging unloads the add-in and stops the
// dev server it started. Elsewhere: stop the dev server `npm start` recorded in .dev-server.pid.
// Exit codes: 0 stopped or nothing to stop, 1 could not stop it.
"use strict";

const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const PID_FILE = path.join(ROOT, ".dev-server.pid");

function stopWithExcel() {
  const debugging = require.resolve("office-addin-debugging/cli.js");
  const result = spawnSync(
    process.execPath,
    [debugging, "stop", path.join(ROOT, "manifest.xml"), "desktop"],
    {
      cwd: ROOT,
      stdio: "inherit",
    }
  );
  return result.status === null ? 1 : result.status;
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return err.code === "EPERM";
  }
  // A killed child whose parent has not reaped it yet (a zombie) still answers signal 0.
  const stat = `/proc/${pid}/stat`;
  return !(fs.existsSync(stat) && /\)\s+Z\s/.test(fs.readFileSync(stat, "utf8")));
}

// Guard against pid reuse: after a reboot the recorded pid may belong to something else.
function looksLikeDevServer(pid) {
  const cmdline = `/proc/${pid}/cmdline`;
  if (!fs.existsSync(cmdline)) return true; // no /proc (e.g. BSD): trust the pid file
  return fs.readFileSync(cmdline, "utf8").includes("webpack");
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal); // npm start made it a process group leader
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function stopServerOnly() {
  if (!fs.existsSync(PID_FILE)) {
    console.log("No dev server running (no .dev-server.pid).");
    return 0;
  }
  const pid = Number(fs.readFileSync(PID_FILE, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 0) {
    fs.rmSync(PID_FILE, { force: true });
    console.log("Removed an unreadable .dev-server.pid; no dev server stopped.");
    return 0;
  }
  if (!isRunning(pid) || !looksLikeDevServer(pid)) {
    fs.rmSync(PID_FILE, { force: true });
    console.log(`No dev server running (pid ${pid} is gone); removed the stale .dev-server.pid.`);
    return 0;
  }

  signalGroup(pid, "SIGTERM");
  // webpack-dev-server closes its sockets on SIGTERM; give it a few seconds before forcing.
  for (let waited = 0; waited < 5000 && isRunning(pid); waited += 100) await sleep(100);
  if (isRunning(pid)) {
    signalGroup(pid, "SIGKILL");
    await sleep(200);
  }
  if (isRunning(pid)) {
    console.error(`Could not stop the dev server (pid ${pid}).`);
    return 1;
  }
  fs.rmSync(PID_FILE, { force: true });
  console.log(`Stopped the dev server (pid ${pid}).`);
  return 0;
}

const HAS_EXCEL = process.platform === "win32" || process.platform === "darwin";
Promise.resolve(HAS_EXCEL ? stopWithExcel() : stopServerOnly()).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
  }
);
