import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientAppError, addClientStack } from '#infra/client-app.ts';
import { PROJECT_ROOT } from '#infra/function-bundle.ts';
import { ConfigError } from '#shared/core/config/load.ts';
import {
  PIPELINE_HANDLERS,
  WORKFLOW_HANDLERS,
  appWithoutBundling,
  handlersDirectory,
} from './stack-fixture.ts';

/** CloudFormation properties that give a resource a physical name when set to a literal. */
const NAME_PROPERTIES = [
  'TableName',
  'QueueName',
  'FunctionName',
  'LogGroupName',
  'RoleName',
  'TopicName',
  'AlarmName',
  'Name',
  'ScheduleName',
];
/** Resource types whose name is a label that need not be unique. */
const LABEL_NAMES = new Set(['AWS::ApiGatewayV2::Api']);

function demoConfigAs(clientId: string): Record<string, unknown> {
  const config = JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'clients', 'demo.json'), 'utf8'),
  ) as Record<string, unknown>;
  delete config.$schema;
  return { ...config, client: { id: clientId, name: `Client ${clientId}` } };
}

describe('addClientStack', () => {
  let clientsDirectory: string;
  let functionsDirectory: string;

  beforeAll(() => {
    clientsDirectory = mkdtempSync(join(tmpdir(), 'nurture-clients-'));
    functionsDirectory = handlersDirectory([
      ...PIPELINE_HANDLERS,
      ...WORKFLOW_HANDLERS,
    ]);
    for (const id of ['acme', 'globex']) {
      writeFileSync(
        join(clientsDirectory, `${id}.json`),
        JSON.stringify(demoConfigAs(id)),
      );
    }
    const broken = demoConfigAs('broken');
    (broken.hubspot as Record<string, unknown>).appId = -7;
    writeFileSync(
      join(clientsDirectory, 'broken.json'),
      JSON.stringify(broken),
    );
    writeFileSync(
      join(clientsDirectory, 'renamed.json'),
      JSON.stringify(demoConfigAs('acme')),
    );
  });

  afterAll(() => {
    rmSync(clientsDirectory, { recursive: true });
    rmSync(functionsDirectory, { recursive: true });
  });

  describe('when two clients share an account and region', () => {
    it('synthesises both stacks without a fixed resource name', async () => {
      const app = appWithoutBundling(
        mkdtempSync(join(tmpdir(), 'nurture-cdk-out-')),
      );
      for (const client of ['acme', 'globex']) {
        await addClientStack(app, {
          client,
          clientsDirectory,
          functionsDirectory,
        });
      }

      const assembly = app.synth();

      const names = assembly.stacks.flatMap((stack) =>
        Object.entries(
          stack.template.Resources as Record<
            string,
            { Type: string; Properties?: Record<string, unknown> }
          >,
        ).flatMap(([id, resource]) =>
          NAME_PROPERTIES.filter(
            (property) =>
              typeof resource.Properties?.[property] === 'string' &&
              !LABEL_NAMES.has(resource.Type),
          ).map((property) => `${stack.stackName}/${id}.${property}`),
        ),
      );
      expect(assembly.stacks.map((stack) => stack.stackName).sort()).toEqual([
        'Nurture-acme',
        'Nurture-globex',
      ]);
      expect(names).toEqual([]);
    });
  });

  describe('when the client config is invalid', () => {
    it('rejects with the config error naming the problem', async () => {
      const app = appWithoutBundling();

      const adding = addClientStack(app, {
        client: 'broken',
        clientsDirectory,
        functionsDirectory,
      });

      await expect(adding).rejects.toThrow(ConfigError);
      await expect(adding).rejects.toThrow(/hubspot\.appId: .*\(found -7\)/);
    });
  });

  describe('when the client file does not exist', () => {
    it('rejects naming the missing file', async () => {
      const adding = addClientStack(appWithoutBundling(), {
        client: 'nobody',
        clientsDirectory,
      });

      await expect(adding).rejects.toThrow(
        /nobody\.json.*cannot read the file/s,
      );
    });
  });

  describe('when no client name is given', () => {
    it('rejects telling how to pass one', async () => {
      const adding = addClientStack(appWithoutBundling(), {
        client: undefined,
        clientsDirectory,
      });

      await expect(adding).rejects.toThrow(ClientAppError);
      await expect(adding).rejects.toThrow(/-c client=NAME/);
    });
  });

  describe('when the client name is a path', () => {
    it('rejects it before reading any file', async () => {
      const adding = addClientStack(appWithoutBundling(), {
        client: '../clients/acme',
        clientsDirectory,
      });

      await expect(adding).rejects.toThrow(ClientAppError);
    });
  });

  describe('when client.id differs from the file name', () => {
    it('rejects naming both', async () => {
      const adding = addClientStack(appWithoutBundling(), {
        client: 'renamed',
        clientsDirectory,
        functionsDirectory,
      });

      await expect(adding).rejects.toThrow(/client\.id "acme".*"renamed"/);
    });
  });
});
