/**
 * What the Excel host running the add-in supports. Outside Office (a plain browser, tests) nothing
 * says no, so everything counts as supported; inside Office the requirement sets decide.
 */
export function supportsEntityCards(): boolean {
  const requirements = typeof Office === "undefined" ? undefined : Office.context?.requirements;
  if (!requirements) return true;
  return requirements.isSetSupported("CustomFunctionsRuntime", "1.4");
}

export const ENTITY_CARDS_UNSUPPORTED =
  "Commodity cards need Excel data types from custom functions (CustomFunctionsRuntime 1.4: Excel on the web, Windows version 2208 or later, Mac 16.64 or later); this Excel does not have them. The other MINERALS formulas return every figure on the card.";
