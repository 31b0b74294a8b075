import { distance } from "fastest-levenshtein";
import { BoundedCache } from "./bounded-cache";

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
  /** How messages name the entry ("United States", "magnets"); default: its first name. */
  label?: string;
}

/** What each index remembers of the names it was asked (per cache). */
const MEMO_LIMITS = { entries: 10_000, bytes: 2_000_000 };
const textBytes = (text: string | undefined) => (text === undefined ? 0 : text.length * 2);

export class NameIndex {
  private readonly byKey = new Map<string, string>();
  private readonly rankOf = new Map<string, number>();
  /** Keys two entries claim at the same rank, with every entry that claims them. */
  private readonly ambiguous = new Map<string, Set<string>>();
  private readonly labels = new Map<string, string>();

  constructor(entries: NamedEntry[]) {
    for (const entry of entries) {
      this.labels.set(entry.id, entry.label ?? entry.names[0]?.[0] ?? entry.id);
      entry.names.forEach((rankNames, rank) => {
        for (const name of rankNames) this.add(name, entry.id, rank);
      });
    }
    for (const key of this.ambiguous.keys()) this.byKey.delete(key);
  }

  private add(name: string, id: string, rank: number): void {
    for (const key of new Set([nameKey(name), nameKey(name).replace(/\./g, "")])) {
      if (key === "") continue;
      const existing = this.byKey.get(key);
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
          const claimants = this.ambiguous.get(key) ?? new Set([existing]);
          this.ambiguous.set(key, claimants.add(id));
        }
      }
    }
  }

  /** Names already resolved or suggested, as typed: an index never changes, so neither do they. */
  readonly resolved = new BoundedCache<string, string | undefined>(MEMO_LIMITS, textBytes);
  readonly suggested = new BoundedCache<string, string | undefined>(MEMO_LIMITS, textBytes);

  /** The entry id a name resolves to, or undefined. */
  resolve(name: string): string | undefined {
    return this.resolved.get(name, () => this.byKey.get(nameKey(name)));
  }

  /** How messages name an entry. */
  label(id: string): string {
    return this.labels.get(id) ?? id;
  }

  /** The entries a name could mean when it means more than one ("Congo"), by label; else undefined. */
  ambiguity(name: string): string[] | undefined {
    const claimants = this.ambiguous.get(nameKey(name));
    return claimants ? [...claimants].map((id) => this.label(id)) : undefined;
  }

  /**
   * The entry a typo most likely meant, by label: at most two edits away, or (for longer names)
   * more edits but the same first three letters, as in "magnium" for "magnets".
   */
  suggest(name: string): string | undefined {
    return this.suggested.get(name, () => this.closest(name));
  }

  private closest(name: string): string | undefined {
    const key = nameKey(name);
    if (key.length < 3) return undefined;
    const limit = Math.max(2, Math.ceil(key.length * 0.4));
    let best: string | undefined;
    let bestScore: [number, number] = [Infinity, 0];
    for (const [candidate, id] of this.byKey) {
      if (Math.abs(candidate.length - key.length) > limit) continue;
      const edits = distance(key, candidate);
      const prefix = sharedPrefix(key, candidate);
      if (edits > limit || (edits > 2 && prefix < 3)) continue;
      // Fewest edits first; among equals, the longest shared beginning (people misspell endings).
      if (edits < bestScore[0] || (edits === bestScore[0] && -prefix < bestScore[1])) {
        best = id;
        bestScore = [edits, -prefix];
      }
    }
    return best === undefined ? undefined : this.label(best);
  }
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
