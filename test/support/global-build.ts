import { execFileSync } from "child_process";
import { existsSync, readdirSync, renameSync, rmSync } from "fs";
import { join, relative } from "path";
import type { Config } from "@jest/types";
import { PRODUCTION_ORIGIN, ROOT, TEST_DIST, TESTS_NEEDING_DIST } from "./test-dist";

/** Test files that need the build, as paths relative to the project root. */
function candidates(): string[] {
  const files = ["test/build.test.ts"];
  for (const folder of ["e2e", "runtime"]) {
    const dir = join(ROOT, "test", folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir))
      if (name.endsWith(".test.ts")) files.push(`test/${folder}/${name}`);
  }
  return files.filter((file) => TESTS_NEEDING_DIST.some((pattern) => pattern.test(file)));
}

/**
 * Whether this run includes a test that reads the build. Unsure (related or changed files only,
 * an unreadable pattern) counts as yes; listing tests builds nothing.
 */
function runNeedsBuild(config: Config.GlobalConfig): boolean {
  if (config.listTests) return false;
  if (config.findRelatedTests || config.onlyChanged) return true;
  const pattern = config.testPathPattern;
  if (!pattern) return true;
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, "i");
  } catch {
    return true;
  }
  return candidates().some((file) => regex.test(join(ROOT, file)) || regex.test(file));
}

/**
 * jest globalSetup: the production webpack build, once per run, into build/test-dist, with the
 * manifest rewritten for an organisation's host (ADDIN_ORIGIN). It is built beside the old one and
 * swapped in, so a concurrent run serving the old folder is disturbed as little as possible.
 */
export default function globalBuild(config: Config.GlobalConfig): void {
  if (!runNeedsBuild(config)) return;
  const fresh = `${TEST_DIST}.new-${process.pid}`;
  const old = `${TEST_DIST}.old-${process.pid}`;
  const started = Date.now();
  try {
    execFileSync(
      process.execPath,
      [
        require.resolve("webpack-cli/bin/cli.js"),
        "--mode",
        "production",
        "--env",
        `outputPath=${fresh}`,
      ],
      { cwd: ROOT, env: { ...process.env, ADDIN_ORIGIN: PRODUCTION_ORIGIN }, stdio: "pipe" }
    );
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `The production build for the tests failed:\n${stdout?.toString() ?? ""}${stderr?.toString() ?? ""}`
    );
  }
  if (existsSync(TEST_DIST)) renameSync(TEST_DIST, old);
  renameSync(fresh, TEST_DIST);
  rmSync(old, { recursive: true, force: true });
  process.stderr.write(
    `\nProduction build for the tests: ${relative(ROOT, TEST_DIST)} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`
  );
}
