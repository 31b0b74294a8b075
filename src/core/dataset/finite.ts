/**
 * Numbers a dataset may not hold. JSON text such as `1e309` parses as Infinity, and JSON.stringify
 * writes Infinity, -Infinity and NaN all as `null`: a dataset holding one would answer ±Infinity and
 * hash the same whichever it held. Every load path and the hash refuse them, naming where they are.
 */

/** A non-finite number found in a parsed value: its JSON pointer (RFC 6901) and the number. */
export interface NonFinite {
  pointer: string;
  value: number;
}

/** Every non-finite number in a JSON-like value (up to `limit`), depth first. */
export function findNonFinite(root: unknown, limit = 50): NonFinite[] {
  // Paths cost a string per node: they are only built when there is something to report.
  return holdsNonFinite(root) ? locate(root, limit) : [];
}

/** Whether any number in the value is not finite (iterative: deep nesting cannot overflow the stack). */
function holdsNonFinite(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === "number") {
      if (!Number.isFinite(value)) return true;
    } else if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
    } else if (value !== null && typeof value === "object") {
      for (const key of Object.keys(value)) stack.push((value as Record<string, unknown>)[key]);
    }
  }
  return false;
}

function locate(root: unknown, limit: number): NonFinite[] {
  const found: NonFinite[] = [];
  // Iterative, so that a deeply nested value cannot overflow the stack.
  const stack: { value: unknown; path: string }[] = [{ value: root, path: "" }];
  while (stack.length > 0 && found.length < limit) {
    const { value, path } = stack.pop() as { value: unknown; path: string };
    if (typeof value === "number") {
      if (!Number.isFinite(value)) found.push({ pointer: path || "/", value });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], path: `${path}/${i}` });
    } else if (value !== null && typeof value === "object") {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--)
        stack.push({
          value: (value as Record<string, unknown>)[keys[i]],
          path: `${path}/${keys[i].replace(/~/g, "~0").replace(/\//g, "~1")}`,
        });
    }
  }
  return found;
}

/** "/exports/3/quantity: not a finite number (Infinity; …)", as a dataset problem. */
export function nonFiniteProblem({ pointer, value }: NonFinite): string {
  return `${pointer}: not a finite number (${String(value)}: the text states a number beyond ±1.8e308 or none)`;
}
