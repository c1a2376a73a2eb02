/**
 * The part of neo4j-driver the adapter uses, as a structural type: the real driver satisfies it,
 * and so does the recording fake the tests use to check queries and parameters.
 */
export interface CypherRecord {
  get(key: string): unknown;
}

export interface CypherResult {
  records: CypherRecord[];
  summary?: { counters?: { updates(): Record<string, number> } };
}

export interface CypherTransaction {
  run(query: string, parameters?: Record<string, unknown>): Promise<CypherResult> | PromiseLike<CypherResult>;
}

/** Per-transaction settings; `timeout` (ms) makes the server end the transaction, not only the client give up. */
export interface CypherTransactionConfig {
  timeout?: number;
}

export interface CypherSession {
  executeRead<T>(work: (tx: CypherTransaction) => Promise<T>, config?: CypherTransactionConfig): Promise<T>;
  executeWrite<T>(work: (tx: CypherTransaction) => Promise<T>, config?: CypherTransactionConfig): Promise<T>;
  run(query: string, parameters?: Record<string, unknown>): PromiseLike<CypherResult>;
  close(): Promise<void>;
}

export interface CypherDriver {
  session(config?: { database?: string; defaultAccessMode?: 'READ' | 'WRITE' }): CypherSession;
  verifyConnectivity(config?: { database?: string }): Promise<unknown>;
  close(): Promise<void>;
}
