import { getSecret } from '@aws-lambda-powertools/parameters/secrets';

/** Reads a secret string through Powertools (cached for 5 minutes); the error names the secret. */
export async function readSecretString(
  arn: string,
  purpose: string,
): Promise<string> {
  const value = await getSecret(arn, { maxAge: 300 });
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(
      `Secret ${arn} is empty; store ${purpose} in it (see the README, Deploy to AWS)`,
    );
  }
  return value.trim();
}
