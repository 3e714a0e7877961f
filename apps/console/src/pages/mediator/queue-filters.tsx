import type { EscalationReason, MediationStage } from '../../gql/graphql';
import { ESCALATION_LABELS, STAGE_LABELS } from './queue-labels';
import type { QueueFilter } from './queue-filter';

const SLA_CHOICES = { any: 'Any', breached: 'Breached', within: 'Within SLA' } as const;

/** Three selects that narrow the list at once (no submit: each choice is one step, and the URL keeps it). */
export function QueueFilters({ filter, onChange }: { filter: QueueFilter; onChange: (filter: QueueFilter) => void }) {
  const sla = filter.breached === null ? 'any' : filter.breached ? 'breached' : 'within';
  return (
    <form className="queue-filters" aria-label="Filter the cases" onSubmit={(event) => event.preventDefault()}>
      <div>
        <label htmlFor="queue-stage">Stage</label>
        <select id="queue-stage" value={filter.stage ?? ''} onChange={(event) => onChange({ ...filter, stage: (event.target.value || null) as MediationStage | null })}>
          <option value="">Any stage</option>
          {Object.entries(STAGE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="queue-reason">Escalation reason</label>
        <select id="queue-reason" value={filter.reason ?? ''} onChange={(event) => onChange({ ...filter, reason: (event.target.value || null) as EscalationReason | null })}>
          <option value="">Any reason</option>
          {Object.entries(ESCALATION_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="queue-sla">SLA</label>
        <select id="queue-sla" value={sla} onChange={(event) => onChange({ ...filter, breached: event.target.value === 'any' ? null : event.target.value === 'breached' })}>
          {Object.entries(SLA_CHOICES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
