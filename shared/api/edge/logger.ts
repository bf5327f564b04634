/** Structured log lines that always carry the request's correlation id. Never pass request bodies here. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface LogSink {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export function createLogger(sink: LogSink, correlationId: string, functionName: string): Logger {
  const line = (message: string, fields?: Record<string, unknown>) =>
    JSON.stringify({ message, correlationId, function: functionName, ...fields });
  return {
    info: (m, f) => sink.info(line(m, f)),
    warn: (m, f) => sink.warn(line(m, f)),
    error: (m, f) => sink.error(line(m, f)),
  };
}
