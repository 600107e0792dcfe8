/**
 * Bundle benchmark. It bundles each handler in `functions/` with the stack's esbuild settings
 * and the demo config, and prints the bundle size. Then it imports each bundle in fresh Node
 * processes, with and without `--enable-source-maps`, and prints the import time: cold
 * initialisation without Lambda's own start-up.
 * Run: `npx tsx test/bench/bundles.ts [--runs N] [--json]`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { readClientConfig } from '#shared/config-file.ts';
import type { ClientConfig } from '#shared/core/config/client.ts';
import {
  FUNCTION_BUNDLE,
  SOURCE_MAPS_NODE_OPTION,
  PROJECT_ROOT,
  clientConfigDefine,
} from '#infra/function-bundle.ts';

const HANDLERS = [
  'webhook-receiver',
  'event-processor',
  'hubspot-sync',
  'workflow-tick',
  'email-events',
  'report',
];

// Every variable any handler requires; the values are never used, because importing a
// bundle builds clients and reads configuration but sends no request.
const PLACEHOLDER_ENVIRONMENT = {
  AWS_REGION: 'eu-west-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  NURTURE_TABLE: 'bench-table',
  CONTACT_EVENTS_QUEUE_URL:
    'https://sqs.eu-west-1.amazonaws.com/123456789012/bench.fifo',
  HUBSPOT_SYNC_QUEUE_URL:
    'https://sqs.eu-west-1.amazonaws.com/123456789012/bench',
  HUBSPOT_TOKEN_ARN:
    'arn:aws:secretsmanager:eu-west-1:123456789012:secret:bench-token',
  HUBSPOT_CLIENT_SECRET_ARN:
    'arn:aws:secretsmanager:eu-west-1:123456789012:secret:bench-client',
  SES_CONFIGURATION_SET: 'bench',
  POWERTOOLS_SERVICE_NAME: 'nurture',
  POWERTOOLS_METRICS_NAMESPACE: 'Nurture',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};

// Runs in the child: wall-clock and CPU milliseconds (all threads) of the `import()`.
const IMPORT_SCRIPT =
  'const cpu = process.cpuUsage(); const started = performance.now(); ' +
  'await import(process.argv[1]); const used = process.cpuUsage(cpu); ' +
  'console.log(performance.now() - started, (used.user + used.system) / 1000);';

/** Size and cold import time of one bundled handler. */
export interface BundleFigures {
  handler: string;
  bytes: number;
  gzipBytes: number;
  sourceMapBytes: number;
  /** Whether any module of `@hubspot/api-client` is in the bundle. */
  includesHubSpotClient: boolean;
  /** Import time in ms: wall clock (median, 90th percentile) and CPU time (median). */
  importMs: ImportTimes;
  importWithSourceMapsMs: ImportTimes;
}

export interface ImportTimes {
  median: number;
  p90: number;
  cpuMedian: number;
}

/** Bundles and measures every handler that exists in `functions/`. */
export async function runBundleBenchmark(
  config: ClientConfig,
  runs: number,
): Promise<BundleFigures[]> {
  const outdir = mkdtempSync(join(tmpdir(), 'nurture-bundles-'));
  try {
    const figures: BundleFigures[] = [];
    for (const handler of HANDLERS) {
      const entry = join(PROJECT_ROOT, 'functions', `${handler}.ts`);
      if (!existsSync(entry)) continue;
      figures.push(await measureHandler(handler, entry, outdir, config, runs));
    }
    return figures;
  } finally {
    rmSync(outdir, { recursive: true });
  }
}

async function measureHandler(
  handler: string,
  entry: string,
  outdir: string,
  config: ClientConfig,
  runs: number,
): Promise<BundleFigures> {
  const outfile = join(outdir, handler, 'index.mjs');
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: FUNCTION_BUNDLE.target,
    format: FUNCTION_BUNDLE.format,
    minify: FUNCTION_BUNDLE.minify,
    sourcemap: FUNCTION_BUNDLE.sourceMap,
    sourcesContent: FUNCTION_BUNDLE.sourcesContent,
    mainFields: [...FUNCTION_BUNDLE.mainFields],
    banner: { js: FUNCTION_BUNDLE.banner },
    external: [...FUNCTION_BUNDLE.externalModules],
    define: clientConfigDefine(config),
    tsconfig: join(PROJECT_ROOT, 'tsconfig.json'),
    metafile: true,
    logLevel: 'warning',
  });
  const code = readFileSync(outfile);
  return {
    handler,
    bytes: code.length,
    gzipBytes: gzipSync(code).length,
    sourceMapBytes: readFileSync(`${outfile}.map`).length,
    includesHubSpotClient: Object.keys(result.metafile.inputs).some((input) =>
      input.includes('node_modules/@hubspot/api-client/'),
    ),
    importMs: timeImports(outfile, [], runs),
    importWithSourceMapsMs: timeImports(
      outfile,
      [SOURCE_MAPS_NODE_OPTION],
      runs,
    ),
  };
}

function timeImports(
  bundle: string,
  nodeOptions: string[],
  runs: number,
): ImportTimes {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const child = spawnSync(
      process.execPath,
      [
        ...nodeOptions,
        '--input-type=module',
        '--eval',
        IMPORT_SCRIPT,
        pathToFileURL(bundle).href,
      ],
      { encoding: 'utf8', env: PLACEHOLDER_ENVIRONMENT },
    );
    if (child.status !== 0) {
      throw new Error(`Importing ${bundle} failed:\n${child.stderr}`);
    }
    const [wallMs, cpuMs] = child.stdout.trim().split(' ').map(Number);
    wall.push(wallMs!);
    cpu.push(cpuMs!);
  }
  return {
    median: percentile(wall, 0.5),
    p90: percentile(wall, 0.9),
    cpuMedian: percentile(cpu, 0.5),
  };
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  const index = Math.min(sorted.length - 1, Math.floor(share * sorted.length));
  return round(sorted[index]!);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function describeTimes(times: ImportTimes): string {
  return `${times.median} ms median, ${times.p90} ms p90, ${times.cpuMedian} ms CPU`;
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '15' },
      json: { type: 'boolean', default: false },
    },
  });
  const config = await readClientConfig(
    join(PROJECT_ROOT, 'clients', 'demo.json'),
  );
  const figures = await runBundleBenchmark(config, Number(values.runs));
  if (values.json) {
    console.log(JSON.stringify(figures, null, 2));
  } else {
    console.log(
      `node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ` +
        `load ${loadavg()[0]!.toFixed(1)}, ${values.runs} fresh processes per figure`,
    );
    for (const figure of figures) {
      console.log(
        `${figure.handler}: ${kilobytes(figure.bytes)} ` +
          `(gzip ${kilobytes(figure.gzipBytes)}, map ${kilobytes(figure.sourceMapBytes)}), ` +
          `HubSpot client ${figure.includesHubSpotClient ? 'included' : 'absent'}, ` +
          `import ${describeTimes(figure.importMs)}; ` +
          `with --enable-source-maps ${describeTimes(figure.importWithSourceMapsMs)}`,
      );
    }
  }
}
