import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getOperationAST, getVariableValues, Kind, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { DEFAULT_API_SETTINGS } from '../../apps/api/src/api-settings';
import { buildApiSchema } from '../../apps/api/src/api-schema';
import { queryLimitRefusal } from '../../apps/api/src/graphql/query-limits.plugin';

/**
 * docs/examples.md must stay true: every ```graphql block is one operation that validates against
 * the schema the API serves, its variables (the ```json block right after it) coerce to the
 * operation's variable types, and the API's default depth and cost limits accept it.
 */
interface Example {
  line: number;
  section: string;
  query: string;
  variables?: string;
}

function examplesIn(markdown: string): Example[] {
  const blocks: { line: number; language: string; body: string; section: string }[] = [];
  const lines = markdown.split('\n');
  let section = '';
  for (let index = 0; index < lines.length; index += 1) {
    const heading = /^## (.+)$/.exec(lines[index]);
    if (heading) section = heading[1];
    const fence = /^```(\w*)\s*$/.exec(lines[index]);
    if (!fence) continue;
    const end = lines.indexOf('```', index + 1);
    if (end < 0) throw new Error(`docs/examples.md:${index + 1}: unclosed code block`);
    blocks.push({ line: index + 1, language: fence[1], body: lines.slice(index + 1, end).join('\n'), section });
    index = end;
  }
  return blocks.flatMap((block, position) => {
    if (block.language !== 'graphql') return [];
    const next = blocks[position + 1];
    return [{ line: block.line, section: block.section, query: block.body, variables: next?.language === 'json' ? next.body : undefined }];
  });
}

const markdown = readFileSync(join(__dirname, '..', '..', 'docs', 'examples.md'), 'utf8');
const examples = examplesIn(markdown);

describe('docs/examples.md', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildApiSchema();
  });

  const operationOf = (example: Example): OperationDefinitionNode => {
    const document = parse(example.query);
    expect(document.definitions.map((definition) => definition.kind)).toEqual([Kind.OPERATION_DEFINITION]);
    return getOperationAST(document)!;
  };

  it.each(examples.map((example) => [`${example.section}, line ${example.line}`, example] as const))('%s: valid against the schema, with its variables, within the limits', (_where, example) => {
    const document = parse(example.query);
    const operation = operationOf(example);
    expect(operation.name?.value).toBeDefined();
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);

    const declared = operation.variableDefinitions ?? [];
    if (declared.length > 0) expect(example.variables).toBeDefined();
    const variables = example.variables === undefined ? {} : (JSON.parse(example.variables) as Record<string, unknown>);
    expect(Object.keys(variables).filter((name) => !declared.some((definition) => definition.variable.name.value === name))).toEqual([]);
    const coerced = getVariableValues(schema, declared, variables);
    expect(coerced.errors?.map((error) => error.message) ?? []).toEqual([]);

    expect(queryLimitRefusal(document, operation, variables, { maxDepth: DEFAULT_API_SETTINGS.maxQueryDepth, maxComplexity: DEFAULT_API_SETTINGS.maxQueryComplexity })).toBeNull();
  });

  it('has a section for every role', () => {
    const sections = new Set(examples.map((example) => example.section));
    for (const role of ['BUYER', 'SELLER', 'MEDIATOR', 'AUDITOR', 'SYSTEM', 'ADMIN']) expect([...sections].some((section) => section.startsWith(role))).toBe(true);
  });

  it('shows every query, mutation and subscription of the schema', () => {
    const used = new Set(examples.flatMap((example) => operationOf(example).selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []))));
    const roots = [schema.getQueryType()!, schema.getMutationType()!, schema.getSubscriptionType()!];
    const missing = roots.flatMap((type) => Object.keys(type.getFields()).filter((field) => !used.has(field)).map((field) => `${type.name}.${field}`));
    expect(missing).toEqual([]);
  });
});
