import { cardSupportText } from "./help";
import { entityCardSupport } from "../runtime/host";

describe("Help on commodity cards", () => {
  const officeGlobal = globalThis as { Office?: unknown };
  afterEach(() => {
    delete officeGlobal.Office;
  });

  function withHost(cards: boolean) {
    officeGlobal.Office = {
      context: {
        requirements: {
          isSetSupported: (name: string, version: string) =>
            name === "CustomFunctionsRuntime" ? cards && version === "1.4" : true,
        },
      },
    };
  }

  test("an Excel with CustomFunctionsRuntime 1.4 is told how to read a field", () => {
    withHost(true);
    expect(entityCardSupport()).toBe("supported");
    expect(cardSupportText(entityCardSupport())).toMatch(/=A1\.Production/);
  });

  test("an older Excel is told it cannot show cards, and that the formulas still give the figures", () => {
    withHost(false);
    expect(entityCardSupport()).toBe("unsupported");
    expect(cardSupportText(entityCardSupport())).toMatch(
      /cannot show commodity cards .*CustomFunctionsRuntime 1\.4.*other formulas/
    );
  });

  test("outside Office the requirement is named", () => {
    expect(entityCardSupport()).toBe("unknown");
    expect(cardSupportText("unknown")).toMatch(/Excel on the web, Windows version 2208/);
  });
});
