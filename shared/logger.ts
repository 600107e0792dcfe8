import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured logger of the project (JSON lines, Powertools). Never log personal data:
 * log contact ids, event ids and counts, not emails or names. The level comes from
 * `POWERTOOLS_LOG_LEVEL` (the local stack and the tests set it to WARN or SILENT).
 */
export const logger = new Logger({ serviceName: 'nurture' });
