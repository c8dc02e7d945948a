/**
 * The subset of the neo4j-driver API the loader uses. The real driver is wrapped to it in
 * src/load/driver.ts; tests implement it with a recording session that keeps every query
 * and parameter map it is sent.
 */

/** What a finished query reports: the driver's update counters, and the records (for read queries). */
export interface ResultLike {
  summary: { counters: { updates(): Record<string, number> } };
  records?: Array<{ toObject(): Record<string, unknown> }>;
}

/** A managed transaction: run a query with parameters. */
export interface TxLike {
  run(query: string, params: Record<string, unknown>): PromiseLike<ResultLike>;
}

/** A session: a transaction function that the driver retries on transient errors. */
export interface SessionLike {
  executeWrite<T>(work: (tx: TxLike) => Promise<T>, config?: { metadata?: Record<string, unknown>; timeout?: number }): Promise<T>;
  close(): Promise<void>;
}

/** A driver: check the server, open sessions, close. */
export interface DriverLike {
  verifyConnectivity(options?: { database?: string }): Promise<void>;
  session(options: { database?: string }): SessionLike;
  close(): Promise<void>;
}
