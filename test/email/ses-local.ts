import { SESv2Client } from '@aws-sdk/client-sesv2';

/** An email as aws-ses-v2-local keeps it, read from `GET /store`. */
export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  headers?: { name: string; value: string }[];
}

/** Creates an SES v2 client for aws-ses-v2-local, which accepts any credentials. */
export function localSesClient(endpoint: string): SESv2Client {
  return new SESv2Client({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** Reads the emails aws-ses-v2-local received for one recipient. */
export async function storedEmailsTo(
  endpoint: string,
  recipient: string,
): Promise<StoredEmail[]> {
  const response = await fetch(`${endpoint}/store`);
  const store = (await response.json()) as { emails: StoredEmail[] };
  return store.emails.filter((email) =>
    email.destination.to.includes(recipient),
  );
}
