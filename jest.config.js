/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
    "^.+\\.jsx?$": ["ts-jest", { tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: ["node_modules/(?!(.*/)?(strip-bom|uuid)/)", "<rootDir>/scripts/"],
  setupFiles: ["<rootDir>/test/setup/custom-functions-runtime.ts"],
  setupFilesAfterEnv: ["<rootDir>/test/setup/every-test-asserts.ts"],
  // One production build per run, shared by test/build.test.ts and the browser tests (test/e2e).
  globalSetup: "<rootDir>/test/support/global-build.ts",
};
