import { distance } from "fastest-levenshtein";

/**
 * Forgiving name lookup: case, accents, punctuation and spacing do not matter; codes such as
 * "8505.11" also match without the dot. A name claimed by two entries at the same rank is dropped
 * (it answers with suggestions instead of guessing).
 */
export function nameKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9.]+/g, " ")
    .replace(/\.(?!\d)|(?<!\d)\./g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^the /, "");
}

export interface NamedEntry {
  id: string;
  /** Names in rank order: earlier ones win over later ones claimed by another entry. */
  names: string[][];
}

export class NameIndex {
  private readonly byKey = new Map<string, string>();
  private readonly rankOf = new Map<string, number>();
  private readonly ambiguous = new Set<string>();
  /** Every key with the name as the dataset spells it, for suggestions. */
  private readonly display = new Map<string, string>();

  constructor(entries: NamedEntry[]) {
    for (const entry of entries) {
      entry.names.forEach((rankNames, rank) => {
        for (const name of rankNames) this.add(name, entry.id, rank);
      });
    }
    for (const key of this.ambiguous) this.byKey.delete(key);
  }

  private add(name: string, id: string, rank: number): void {
    for (const key of new Set([nameKey(name), nameKey(name).replace(/\./g, "")])) {
      if (key === "") continue;
      const existing = this.byKey.get(key);
      if (!this.display.has(key)) this.display.set(key, name);
      if (existing === undefined) {
        this.byKey.set(key, id);
        this.rankOf.set(key, rank);
      } else if (existing !== id) {
        const existingRank = this.rankOf.get(key) ?? 0;
        if (rank < existingRank) {
          this.byKey.set(key, id);
          this.rankOf.set(key, rank);
          this.ambiguous.delete(key);
        } else if (rank === existingRank) {
          this.ambiguous.add(key);
        }
      }
    }
  }

  /** The entry id a name resolves to, or undefined. */
  resolve(name: string): string | undefined {
    return this.byKey.get(nameKey(name));
  }

  /** The closest known name, when one is close enough to be a typo of the input. */
  suggest(name: string): string | undefined {
    const key = nameKey(name);
    if (key.length === 0) return undefined;
    const limit = Math.max(2, Math.ceil(key.length * 0.4));
    let best: string | undefined;
    let bestScore: [number, number] = [Infinity, 0];
    for (const candidate of this.display.keys()) {
      if (Math.abs(candidate.length - key.length) > limit) continue;
      // Fewest edits first; among equals, the longest shared beginning (people misspell endings).
      const score: [number, number] = [distance(key, candidate), -sharedPrefix(key, candidate)];
      if (score[0] < bestScore[0] || (score[0] === bestScore[0] && score[1] < bestScore[1])) {
        best = candidate;
        bestScore = score;
      }
    }
    const bestDistance = bestScore[0];
    return best !== undefined && bestDistance <= limit ? this.display.get(best) : undefined;
  }
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
