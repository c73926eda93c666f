/**
 * The production compose file registers the search attributes the workflow sets: a name missing
 * there makes the first upsert of a complaint fail in a fresh deployment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SearchAttributeType } from '@temporalio/common';
import { COMPLAINT_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

const compose = fs.readFileSync(path.join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8');

it('registers every search attribute of the workflow, with its type', () => {
  const listed = [...compose.matchAll(/\b([A-Z][A-Za-z]+):(Keyword|Int|Bool|Datetime|Double|Text)\b/g)].map(([, name, type]) => `${name}:${type}`).sort();
  const typeName: Record<string, string> = { [SearchAttributeType.KEYWORD]: 'Keyword', [SearchAttributeType.INT]: 'Int', [SearchAttributeType.BOOL]: 'Bool', [SearchAttributeType.DATETIME]: 'Datetime' };
  expect(listed).toEqual(COMPLAINT_SEARCH_ATTRIBUTES.map((key) => `${key.name}:${typeName[key.type]}`).sort());
});
