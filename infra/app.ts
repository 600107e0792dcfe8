import { resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { addClientStack, addNagChecks } from './client-app.ts';

// CDK app entry (`cdk.json`). Context: `client` (required) selects `<clientsDir>/<client>.json`;
// `clientsDir` defaults to the project's `clients/`; `webhookPublicUrl` and `sourceMaps=true`
// are optional.
const app = new App();
addNagChecks(app);
try {
  const clientsDir = optionalContext(app, 'clientsDir');
  await addClientStack(app, {
    client: app.node.tryGetContext('client'),
    clientsDirectory:
      clientsDir === undefined ? undefined : resolve(clientsDir),
    webhookPublicUrl: optionalContext(app, 'webhookPublicUrl'),
    sourceMaps: [true, 'true'].includes(app.node.tryGetContext('sourceMaps')),
  });
} catch (error) {
  // The config error lists every problem; a stack trace would only hide it.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
app.synth();

function optionalContext(scope: App, key: string): string | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
