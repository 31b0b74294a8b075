/**
 * Every test asserts: a test that makes no expect() assertion fails (issue 12, "Suites that can
 * fail"). A check through fast-check, Playwright or a helper must still end in an expect().
 */
beforeEach(() => {
  expect.hasAssertions();
});
