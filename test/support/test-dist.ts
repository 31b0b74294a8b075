import { existsSync } from "fs";
import { join } from "path";

/**
 * The production build the browser and build tests share: made once per jest run by
 * test/support/global-build.ts (jest's globalSetup), never by a test file itself.
 */
export const ROOT = join(__dirname, "..", "..");
export const TEST_DIST = join(ROOT, "build", "test-dist");
/** The organisation's host the manifest is rewritten to, as `ADDIN_ORIGIN=... npm run build` does. */
export const PRODUCTION_ORIGIN = "https://addins.example.org/minerals/";
/** Test files that read TEST_DIST, relative to the project root: jest builds it when one of them runs. */
export const TESTS_NEEDING_DIST = [
  /^test\/build\.test\.ts$/,
  /^test\/e2e\/.+\.test\.ts$/,
  /^test\/runtime\/.+\.test\.ts$/,
];

/** The shared build's folder; a clear message when jest's globalSetup did not make it. */
export function testDist(): string {
  if (!existsSync(join(TEST_DIST, "taskpane.html"))) {
    throw new Error(
      `No production build in ${TEST_DIST}. It is made by jest's globalSetup (test/support/global-build.ts); run the tests through jest with the project's jest.config.js.`
    );
  }
  return TEST_DIST;
}
