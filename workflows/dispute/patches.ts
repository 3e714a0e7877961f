import { patched } from '@temporalio/workflow';

/**
 * Since this patch one marker stands for the five before it (rulebook-v2, notification-outbox,
 * evidence-catalog, search-attributes-on-change, steady-wake-timer): a run that records it takes
 * every one of their new paths from that point on. Each marker costs a new run two history events,
 * since the SDK upserts the run's `TemporalChangeVersion` search attribute beside every patch
 * marker it records (a visibility write in the Temporal server each), so an opening recorded
 * eight of them for its five patches; it now records two. Runs recorded before it still find
 * their own markers, and replay through each patch's own call as they did (docs/versioning.md).
 */
export const CONSOLIDATED_PATCHES = 'consolidated-patches';

/**
 * Whether the run takes the paths new with the consolidated marker itself: the next deadline's
 * search attribute at a minute's grain (batch.ts), and a refused opening that clears the
 * attributes its run started with (dispute.workflow.ts).
 */
export function consolidatedPatches(): boolean {
  return patched(CONSOLIDATED_PATCHES);
}

/**
 * Whether the run takes the new path of `patchId`, one of the five the consolidated marker stands
 * for. Asked in place of `patched(patchId)`: a new run records the consolidated marker at its
 * first question and never the five; a run recorded before it answers from its own markers.
 */
export function patchInEffect(patchId: string): boolean {
  return consolidatedPatches() || patched(patchId);
}
