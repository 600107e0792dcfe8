import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { TABLE_KEYS } from '#shared/store/dynamodb/table.ts';

/**
 * The client's one DynamoDB table: contact state, enrollments, rejected inputs and counters.
 * On-demand, encrypted with the AWS-managed KMS key, with point-in-time recovery and TTL.
 * Deletion protection and the retain policy keep it when the stack is deleted.
 */
export class NurtureTable extends Table {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      partitionKey: {
        name: TABLE_KEYS.partitionKey,
        type: AttributeType.STRING,
      },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TABLE_KEYS.timeToLive,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Workflow steps by due time; the store spreads the partition key so no key runs hot.
    this.addGlobalSecondaryIndex({
      indexName: TABLE_KEYS.dueIndex,
      partitionKey: {
        name: TABLE_KEYS.dueIndexPartitionKey,
        type: AttributeType.STRING,
      },
      sortKey: { name: TABLE_KEYS.dueIndexSortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }
}
