/**
 * A Temporal engine a fault scenario can take a server process of away and bring back: the
 * file-persisted dev server (one process, all of Temporal) or one node of the PostgreSQL-backed
 * cluster (the others go on). One harness, two engines.
 */
export interface TemporalEngine {
  /** What the services connect to. */
  readonly address: string;
  /** SIGKILL the process: no clean shutdown. Resolves once it is gone. */
  kill(): Promise<void>;
  /** Starts it again and waits until the engine is healthy. */
  restart(): Promise<void>;
}
