import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient } from '#shared/store/dynamodb/client.ts';
import { ensureTable } from '#shared/store/dynamodb/table.ts';

export interface TestTable {
  endpoint: string;
  tableName: string;
  documents: DynamoDBDocumentClient;
}

/**
 * Creates a table of its own in the dynalite of the test run, so a test file never reads
 * another file's items. Call `documents.destroy()` after the tests.
 */
export async function createTestTable(prefix: string): Promise<TestTable> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `${prefix}-${randomUUID().slice(0, 8)}`;
  const documents = createDocumentClient(endpoint);
  await ensureTable(documents, tableName);
  return { endpoint, tableName, documents };
}
