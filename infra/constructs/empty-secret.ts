import { Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnSecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface EmptySecretProps {
  /** Shown in the console: what to store in the secret and how. */
  readonly description: string;
}

/**
 * A Secrets Manager secret created without a value, for a person to fill in after deploying.
 * The L2 `Secret` always generates a random value, which the functions would take for a real
 * token. An empty secret makes them fail until it is set.
 */
export class EmptySecret extends Construct {
  readonly secretArn: string;

  constructor(scope: Construct, id: string, props: EmptySecretProps) {
    super(scope, id);
    const resource = new CfnSecret(this, 'Resource', {
      description: props.description,
    });
    // Ref of AWS::SecretsManager::Secret is the secret's full ARN.
    this.secretArn = resource.ref;
    Validations.of(resource).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'HubSpot issues this value; a person rotates it in HubSpot and stores the new ' +
        'one here. No rotation function can do that for them.',
    });
  }

  /** Allows reading the secret's value, nothing else. */
  grantRead(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [this.secretArn],
      }),
    );
  }
}
