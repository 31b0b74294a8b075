/**
 * What Browse has on screen, shared with Insert (they are mounted separately, in their own parts of
 * the pane). The id is a catalogue id: Insert looks it up in the dataset in use, so after a refresh
 * it offers the formulas of the same series in the new data.
 */
export type SelectionListener = (id: string | undefined) => void;

export class Selection {
  private id: string | undefined;
  private readonly listeners = new Set<SelectionListener>();

  get current(): string | undefined {
    return this.id;
  }

  set(id: string | undefined): void {
    if (id === this.id) return;
    this.id = id;
    for (const listener of [...this.listeners]) listener(id);
  }

  subscribe(listener: SelectionListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

/** The pane's one selection. */
export const selection = new Selection();
