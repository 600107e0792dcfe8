import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '#infra/function-bundle.ts';

interface Synthesis {
  status: number | null;
  stderr: string;
  outdir: string;
}

/** Runs the CDK app as `cdk synth` does: context and output folder through the environment. */
function synthesize(context: Record<string, string>): Synthesis {
  const outdir = mkdtempSync(join(tmpdir(), 'nurture-cdk-out-'));
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(PROJECT_ROOT, 'infra', 'app.ts')],
    {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        CDK_CONTEXT_JSON: JSON.stringify(context),
        CDK_OUTDIR: outdir,
      },
    },
  );
  return { status: result.status, stderr: result.stderr, outdir };
}

type Template = {
  Resources: Record<
    string,
    { Type: string; Properties: Record<string, unknown> }
  >;
};

/** The bundled code of the function whose description starts with `description`. */
function bundleOf(
  synthesis: Synthesis,
  template: Template,
  description: string,
): string {
  const handler = Object.values(template.Resources).find(
    (resource) =>
      resource.Type === 'AWS::Lambda::Function' &&
      String(resource.Properties.Description).startsWith(description),
  );
  const key = (handler?.Properties.Code as { S3Key: string }).S3Key;
  const asset = join(synthesis.outdir, `asset.${key.replace(/\.zip$/, '')}`);
  expect(existsSync(join(asset, 'index.mjs.map')), description).toBe(true);
  return readFileSync(join(asset, 'index.mjs'), 'utf8');
}

describe('infra/app.ts', () => {
  describe('when synthesising the demo client', () => {
    let synthesis: Synthesis;
    let template: Template;

    beforeAll(() => {
      synthesis = synthesize({ client: 'demo' });
      template = JSON.parse(
        readFileSync(
          join(synthesis.outdir, 'Nurture-demo.template.json'),
          'utf8',
        ),
      ) as Template;
    }, 120_000);

    afterAll(() => rmSync(synthesis.outdir, { recursive: true }));

    it('passes cdk-nag and writes stack Nurture-demo', () => {
      expect(synthesis.stderr).not.toMatch(/ERROR|WARN/);
      expect(synthesis.status).toBe(0);
    });

    it('bundles the client config into the event processor', () => {
      const code = bundleOf(synthesis, template, 'Updates contact state');

      expect(code.includes('Demo Analytics Ltd')).toBe(true);
    });

    it('bundles each sync copy with its share of the request budget', () => {
      const code = bundleOf(synthesis, template, 'Reads and writes HubSpot');

      expect(code.includes('"requestsPer10Seconds":45')).toBe(true);
    });

    it('keeps the HubSpot client out of the receiver', () => {
      const receiver = bundleOf(synthesis, template, 'Verifies HubSpot');
      const sync = bundleOf(synthesis, template, 'Reads and writes HubSpot');

      expect(sync.includes('api.hubapi.com')).toBe(true);
      expect(receiver.includes('api.hubapi.com')).toBe(false);
    });
  });

  describe('when the client config is invalid', () => {
    let clientsDir: string;

    beforeAll(() => {
      clientsDir = mkdtempSync(join(tmpdir(), 'nurture-clients-'));
      const config = JSON.parse(
        readFileSync(join(PROJECT_ROOT, 'clients', 'demo.json'), 'utf8'),
      ) as { email: { timeZone: string } };
      config.email.timeZone = 'Mars/Olympus_Mons';
      writeFileSync(join(clientsDir, 'demo.json'), JSON.stringify(config));
    });

    afterAll(() => rmSync(clientsDir, { recursive: true }));

    it('fails with the config error naming the problem', () => {
      const synthesis = synthesize({ client: 'demo', clientsDir });
      rmSync(synthesis.outdir, { recursive: true });

      expect(synthesis.status).toBe(1);
      expect(synthesis.stderr).toContain('Invalid client configuration');
      expect(synthesis.stderr).toContain('email.timeZone');
      expect(synthesis.stderr).toContain('Mars/Olympus_Mons');
    });
  });
});
