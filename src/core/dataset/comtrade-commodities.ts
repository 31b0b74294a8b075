import { Commodity } from "./dataset";

/** A customs code as digits only, so "8505.11", "8505 11" and "850511" are the same code. */
export function codeDigits(code: string): string {
  return code.replace(/[^0-9A-Za-z]/g, "").toUpperCase();
}

/** An HS code as people write it: "850511" → "8505.11"; shorter codes and words stay as they are. */
export function dottedCode(code: string): string {
  const digits = codeDigits(code);
  return /^\d{6,}$/.test(digits) ? `${digits.slice(0, 4)}.${digits.slice(4)}` : digits;
}

/**
 * Reads Comtrade's `cmdCode` as a commodity: the commodity whose `customs_codes` hold that code, or
 * else a new commodity for the code, named by `cmdDesc`, whose id and customs code are the dotted
 * code (so "8505.11" and "850511" both find it, as for any customs code).
 */
export class ComtradeCommodities {
  private readonly byCode = new Map<string, string>();
  private readonly added: Commodity[] = [];

  constructor(existing: readonly Commodity[]) {
    for (const c of existing) for (const code of c.customs_codes) this.claim(code, c.id);
  }

  private claim(code: string, id: string): void {
    const digits = codeDigits(code);
    if (digits !== "" && !this.byCode.has(digits)) this.byCode.set(digits, id);
  }

  /** The commodity id for a code; undefined for an empty code. */
  resolve(cmdCode: string, cmdDesc: string): string | undefined {
    const digits = codeDigits(cmdCode);
    if (digits === "") return undefined;
    const known = this.byCode.get(digits);
    if (known !== undefined) return known;
    const code = dottedCode(cmdCode);
    const name = cmdDesc.trim() || `HS ${code}`;
    this.added.push({ id: code, name, aliases: [], customs_codes: [code], unit: null });
    this.byCode.set(digits, code);
    return code;
  }

  /** Commodities made for codes no existing commodity held, in the order first met. */
  newCommodities(): Commodity[] {
    return [...this.added];
  }
}
