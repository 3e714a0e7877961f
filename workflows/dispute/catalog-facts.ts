import { proxyActivities } from '@temporalio/workflow';
import { citedEvidenceIds, type DecisionContext } from '../../libs/domain/src';
import type { CommandEnvelope, DisputeActivities } from '../../libs/contracts/src';
import { patchInEffect } from './patches';

/**
 * Since this patch a command may cite only its author's uploads, checked against the upload
 * catalog (docs/decisions.md, "Evidence integrity"); signals read the catalog through an
 * activity. Histories recorded before it accepted citations as sent, and replaying them must
 * decide (and schedule) exactly as they did. It can be deprecated like the others
 * (docs/versioning.md, "Patches in the code").
 */
const EVIDENCE_CATALOG = 'evidence-catalog';

// A read, retried like the append until the database answers.
const catalog = proxyActivities<DisputeActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

/** The catalog facts a queued command is decided with; unchecked only for commands recorded before the rule. */
export function citationContext(envelope: CommandEnvelope): Pick<DecisionContext, 'evidenceFiles' | 'uncheckedCitations'> {
  if (citedEvidenceIds(envelope.command).length === 0) return {};
  return { evidenceFiles: envelope.evidenceFiles ?? [], uncheckedCitations: !patchInEffect(EVIDENCE_CATALOG) };
}

/**
 * A signal's envelope with the catalog's facts of the files it cites, read by an activity:
 * whatever facts a signal carries are ignored, since a person or a service typed them.
 */
export async function withCatalogFacts(envelope: CommandEnvelope): Promise<CommandEnvelope> {
  const cited = citedEvidenceIds(envelope.command);
  if (cited.length === 0 || !patchInEffect(EVIDENCE_CATALOG)) return { command: envelope.command, commandId: envelope.commandId };
  return { command: envelope.command, commandId: envelope.commandId, evidenceFiles: await catalog.lookupEvidenceFiles(cited) };
}
