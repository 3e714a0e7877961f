import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { buildApiSchema, describeSchemaChanges, printApiSchema, schemaChanges, SCHEMA_FILE } from '../../apps/api/src/api-schema';

/**
 * schema.graphql is the API's contract with its clients. This check fails when the code-first
 * schema no longer matches it, listing breaking changes apart from the harmless ones, so a
 * change to the contract is always a deliberate, reviewed edit of the committed file.
 */
describe('the committed GraphQL schema', () => {
  let current: GraphQLSchema;
  const committedSdl = readFileSync(join(__dirname, '..', '..', SCHEMA_FILE), 'utf8');

  beforeAll(async () => {
    current = await buildApiSchema();
  });

  it('matches the schema the code builds (run `npm run schema:update` when it does not)', () => {
    const printed = printApiSchema(current);
    if (printed !== committedSdl) throw new Error(describeSchemaChanges(schemaChanges(buildSchema(committedSdl), current)));
    expect(printed).toBe(committedSdl);
  });

  it('has every root operation type', () => {
    expect([current.getQueryType()?.name, current.getMutationType()?.name, current.getSubscriptionType()?.name]).toEqual(['Query', 'Mutation', 'Subscription']);
  });

  describe('the failure message', () => {
    const committed = buildSchema(`
      type Query { dispute(id: ID!): Dispute! disputes(status: Status): [Dispute!]! }
      type Dispute { id: ID! status: Status! reason: String }
      enum Status { OPEN CLOSED }
    `);

    it('lists breaking changes separately and asks to reconsider them', () => {
      const changed = buildSchema(`
        type Query { dispute(id: ID!): Dispute! disputes(status: Status): [Dispute!]! }
        type Dispute { id: ID! status: Status! }
        enum Status { OPEN CLOSED WITHDRAWN }
      `);
      const changes = schemaChanges(committed, changed);
      expect(changes.breaking).toEqual(['FIELD_REMOVED: Dispute.reason was removed.']);
      expect(changes.dangerous).toEqual(['VALUE_ADDED_TO_ENUM: WITHDRAWN was added to enum type Status.']);
      const message = describeSchemaChanges(changes);
      expect(message).toMatch(/Breaking changes:\n {2}- FIELD_REMOVED: Dispute\.reason was removed\.\nDangerous changes:\n {2}- VALUE_ADDED_TO_ENUM/);
      expect(message).toMatch(/reconsider/);
      expect(message).toMatch(/npm run schema:update/);
    });

    it('names additions as non-breaking', () => {
      const grown = buildSchema(`
        type Query { dispute(id: ID!): Dispute! disputes(status: Status): [Dispute!]! order(id: ID!): Order }
        type Dispute { id: ID! status: Status! reason: String version: Int! }
        type Order { id: ID! }
        enum Status { OPEN CLOSED }
      `);
      const changes = schemaChanges(committed, grown);
      expect(changes).toEqual({ breaking: [], dangerous: [], safe: expect.arrayContaining(['FIELD_ADDED: Dispute.version was added.', 'FIELD_ADDED: Query.order was added.', 'TYPE_ADDED: Order was added.']) });
      const message = describeSchemaChanges(changes);
      expect(message).not.toMatch(/Breaking|reconsider/);
      expect(message).toMatch(/Non-breaking changes:[\s\S]*npm run schema:update/);
    });
  });
});
