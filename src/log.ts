// Structured logging (pino); secrets are redacted by key wherever they appear in a log object.
import { pino, type Logger } from 'pino';

export const REDACT_PATHS = [
  'token', '*.token', 'botToken', '*.botToken', 'appToken', '*.appToken', 'signingSecret', '*.signingSecret',
  'response_url', '*.response_url', 'authorization', '*.authorization', '*.headers.authorization',
];

export function createLogger(level: string = 'info', destination?: NodeJS.WritableStream): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options, pino.destination(2));
}

export type { Logger };
