/**
 * The only module that imports neo4j-driver: it opens a driver with short connection
 * timeouts and wraps it in the small `DriverLike` interface the loader uses, so tests can
 * hand the loader a recording fake instead. Credentials are passed through and never
 * logged or put into messages.
 */
import type { DriverLike } from './types.js';

/** URI schemes the driver accepts: direct (bolt) and routing (neo4j), plain or encrypted. */
export const URI_SCHEMES = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'] as const;

/** How long to wait for a TCP/TLS connection, and for a pooled one, before giving up. */
export const CONNECTION_TIMEOUT_MS = 5_000;
export const ACQUISITION_TIMEOUT_MS = 10_000;
/** How long executeWrite keeps retrying transient errors (deadlocks, leader switches). */
export const MAX_RETRY_TIME_MS = 30_000;

/**
 * Opens a driver for `uri`; with no password, connects without authentication.
 * neo4j-driver is imported here, on first use: loading it costs ~150 ms of start-up that a
 * build without `--neo4j` should not pay.
 */
export async function openDriver(uri: string, username: string, password: string | undefined): Promise<DriverLike> {
  const { default: neo4j } = await import('neo4j-driver');
  const driver = neo4j.driver(uri, password === undefined ? undefined : neo4j.auth.basic(username, password), {
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    connectionAcquisitionTimeout: ACQUISITION_TIMEOUT_MS,
    maxTransactionRetryTime: MAX_RETRY_TIME_MS,
    disableLosslessIntegers: true,
    userAgent: 'guanxi/0.1.0',
  });
  return {
    async verifyConnectivity(options) {
      await driver.verifyConnectivity(options);
    },
    session(options) {
      const session = driver.session({ database: options.database, defaultAccessMode: neo4j.session.WRITE });
      return {
        executeWrite: (work, config) => session.executeWrite((tx) => work({ run: (query, params) => tx.run(query, params) }), config),
        close: () => session.close(),
      };
    },
    close: () => driver.close(),
  };
}
