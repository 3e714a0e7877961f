/**
 * The parameters of one statement assembled from several operations' SQL (the append writes
 * four tables in one statement): each operation adds its values and writes the placeholders it
 * is given, so no operation needs to know the others' numbering.
 */
export class SqlParameters {
  readonly values: unknown[] = [];

  /** The placeholder (`$n`) of a new parameter holding `value`. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
