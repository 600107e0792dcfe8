import {
  UpdateCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';

/**
 * Round-robin rotations and report counts as items updated with an atomic
 * `ADD`, so concurrent ticks never lose a count and no report needs a scan.
 */
export class DynamoWorkflowCounters {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Takes the next position, 0 to `size - 1`, of the rotation named `pool`. */
  async nextRoundRobin(pool: string, size: number): Promise<number> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `ROUNDROBIN#${pool}`, sk: 'COUNTER' },
        UpdateExpression: 'ADD #count :one',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return (Number(Attributes?.count ?? 1) - 1) % size;
  }

  /** Adds counts for one workflow version, such as `{ emailsSent: 1 }`. */
  async add(
    workflowId: string,
    version: number,
    counts: Record<string, number>,
  ): Promise<void> {
    const entries = Object.entries(counts).filter(([, value]) => value !== 0);
    if (entries.length === 0) return;
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: 'WORKFLOWREPORT', sk: `${workflowId}#${version}` },
        UpdateExpression: `SET workflowId = :workflowId, workflowVersion = :version ADD ${entries
          .map((_, index) => `#n${index} :v${index}`)
          .join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(
          entries.map(([name], index) => [`#n${index}`, name]),
        ),
        ExpressionAttributeValues: {
          ':workflowId': workflowId,
          ':version': version,
          ...Object.fromEntries(
            entries.map(([, value], index) => [`:v${index}`, value]),
          ),
        },
      }),
    );
  }

  /** Reads the counts of every workflow version with one query. */
  async report(): Promise<WorkflowReportRow[]> {
    const rows: WorkflowReportRow[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'WORKFLOWREPORT' },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const {
          pk: _pk,
          sk: _sk,
          workflowId,
          workflowVersion,
          ...counts
        } = item;
        rows.push({
          workflowId: String(workflowId),
          version: Number(workflowVersion),
          counts: Object.fromEntries(
            Object.entries(counts).map(([name, value]) => [
              name,
              Number(value),
            ]),
          ),
        });
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return rows;
  }
}

/** Counts of one workflow version, by name (`emailsSent`, `exited`, ...). */
export interface WorkflowReportRow {
  workflowId: string;
  version: number;
  counts: Record<string, number>;
}
