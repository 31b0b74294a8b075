import { MAX_CHECK_INTERVAL_MS, msUntilNextCheck } from "./clock";

describe("msUntilNextCheck", () => {
  test("just after the next local midnight, at most an hour away", () => {
    expect(msUntilNextCheck(new Date(2026, 10, 27, 23, 30, 0))).toBe(30 * 60 * 1000 + 1000);
    expect(msUntilNextCheck(new Date(2026, 10, 27, 23, 59, 59, 500))).toBe(1500);
    expect(msUntilNextCheck(new Date(2026, 10, 27, 12, 0, 0))).toBe(MAX_CHECK_INTERVAL_MS);
    expect(msUntilNextCheck(new Date(2026, 10, 27, 22, 59, 59))).toBe(MAX_CHECK_INTERVAL_MS);
  });
});
