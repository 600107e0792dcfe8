import { App } from 'aws-cdk-lib';
import { addClientStack, addNagChecks } from './client-app.ts';

// CDK app entry (`cdk.json`): `npx cdk synth -c client=demo` builds stack Nurture-demo.
const app = new App();
addNagChecks(app);
try {
  const webhookPublicUrl: unknown = app.node.tryGetContext('webhookPublicUrl');
  await addClientStack(app, {
    client: app.node.tryGetContext('client'),
    webhookPublicUrl:
      typeof webhookPublicUrl === 'string' ? webhookPublicUrl : undefined,
  });
} catch (error) {
  // The config error lists every problem; a stack trace would only hide it.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
app.synth();
