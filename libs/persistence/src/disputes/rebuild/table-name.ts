const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** A table name that can go into SQL as it is: the rebuild's tables are named by the operator, and names cannot be bound as parameters. */
export function tableName(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`"${name}" is not a plain lower-case table name.`);
  return name;
}
