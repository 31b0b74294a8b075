// Run by `npm test` before jest: the browser tests (test/e2e) drive Debian's Chromium with
// playwright-core (its own browser download needs a host that machines without internet cannot reach).
// Present: exit 0 silently. Missing: as root on Debian with apt-get, install it the way .ci/run does
// (unless CHROMIUM_NO_INSTALL=1); otherwise print the one command that fixes it and exit 1.
"use strict";

const fs = require("fs");
const { spawnSync } = require("child_process");

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (fs.existsSync(chromium)) process.exit(0);

const fail = (why, command) => {
  console.error(`${why}\nFix it with:\n  ${command}`);
  process.exit(1);
};

if (process.env.CHROMIUM_PATH) {
  fail(`CHROMIUM_PATH=${chromium} does not exist.`, "unset CHROMIUM_PATH");
}

const hasAptGet = spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0;
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const why = `The browser tests need Chromium at ${chromium}.`;

if (!hasAptGet) fail(why, "CHROMIUM_PATH=/path/to/chromium npm test");
if (!isRoot || !fs.existsSync("/etc/debian_version") || process.env.CHROMIUM_NO_INSTALL === "1") {
  fail(why, `${isRoot ? "" : "sudo "}apt-get install -y chromium`);
}

console.error(`${why} Installing it: apt-get update && apt-get install -y chromium`);
const install = spawnSync("sh", ["-c", "apt-get update && apt-get install -y chromium"], {
  stdio: "inherit",
  env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
});
process.exit(install.status ?? 1);
