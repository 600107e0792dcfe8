import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { ClientConfig } from '#shared/core/config/client.ts';
import type { EmptySecret } from './constructs/empty-secret.ts';
import type { NurtureAlarms } from './constructs/nurture-alarms.ts';
import type { NurtureTable } from './constructs/nurture-table.ts';

/** What the parts of one client's stack share. */
export interface SharedResources {
  readonly config: ClientConfig;
  /** Folder holding the handler files, `functions/` of the project unless a test says else. */
  readonly functionsDirectory: string;
  readonly table: NurtureTable;
  readonly hubspotToken: EmptySecret;
  readonly alarms: NurtureAlarms;
  /** Dead-letter queue for failed asynchronous invocations and undeliverable schedules. */
  readonly failedInvocations: IQueue;
}

/** Path of a handler file, or undefined when the file is not there (yet). */
export function handlerFile(
  resources: SharedResources,
  name: string,
): string | undefined {
  const path = join(resources.functionsDirectory, `${name}.ts`);
  return existsSync(path) ? path : undefined;
}
