/**
 * What the Excel host running the add-in supports, read once by the functions and the pane alike.
 * Outside Office (a plain browser, tests) nothing answers, so the answer is "unknown".
 */
export type Support = "supported" | "unsupported" | "unknown";

/** Commodity cards (COMMODITY's Excel entity) need CustomFunctionsRuntime 1.4. */
export function entityCardSupport(): Support {
  const requirements = typeof Office === "undefined" ? undefined : Office.context?.requirements;
  if (!requirements) return "unknown";
  return requirements.isSetSupported("CustomFunctionsRuntime", "1.4") ? "supported" : "unsupported";
}

export const ENTITY_CARDS_REQUIREMENT =
  "CustomFunctionsRuntime 1.4: Excel on the web, Windows version 2208 or later, Mac 16.64 or later";

export const ENTITY_CARDS_UNSUPPORTED = `Commodity cards need Excel data types from custom functions (${ENTITY_CARDS_REQUIREMENT}); this Excel does not have them. The other MINERALS formulas return every figure on the card.`;
