import type { DataSource } from 'typeorm';
import { insertPolicyVersion, readCurrentPolicy, readPolicyLines, readPolicyVersions, type PolicyToPublish, type PolicyVersionRow } from './policies';

/** Published policies: append-only versions per line (policies/). Validation is the caller's (libs/domain validatePolicy). */
export class PolicyStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The line's current version; null when the line was never published. */
  current(line: string): Promise<PolicyVersionRow | null> {
    return readCurrentPolicy(this.dataSource, line);
  }

  /** The current version of every line. */
  lines(): Promise<PolicyVersionRow[]> {
    return readPolicyLines(this.dataSource);
  }

  /** A line's versions, newest first. */
  versions(line: string, limit: number): Promise<PolicyVersionRow[]> {
    return readPolicyVersions(this.dataSource, line, limit);
  }

  /** Appends the line's next version; `published` is false when the command id had published one already (that one is returned). */
  publish(publish: PolicyToPublish): Promise<{ row: PolicyVersionRow; published: boolean }> {
    return this.dataSource.transaction((manager) => insertPolicyVersion(manager, publish));
  }
}
