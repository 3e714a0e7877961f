import { patched } from '@temporalio/workflow';

/**
 * Since this patch one marker stood for the five before it (rulebook-v2, notification-outbox,
 * evidence-catalog, search-attributes-on-change, steady-wake-timer): a run that records it takes
 * every one of their new paths from that point on. Each marker costs a run two history events,
 * since the SDK upserts the run's `TemporalChangeVersion` search attribute beside every patch
 * marker it records (a visibility write in the Temporal server each), so an opening recorded
 * eight of them for its five patches; it then recorded two. Runs recorded before it still find
 * their own markers, and replay through each patch's own call as they did (docs/versioning.md).
 */
export const CONSOLIDATED_PATCHES = 'consolidated-patches';

/**
 * The same for everything `consolidated-patches` stands for, itself and the patches after it
 * (`deadline-in-one-task`, `opening-in-one-task`): what a new run records, once, at its opening.
 * Without it a run's first deadline would record its own marker and upsert in the deadline's task.
 */
export const CONSOLIDATED_PATCHES_2 = 'consolidated-patches-2';

/**
 * The same again, for everything before it and `command-in-one-task`: a new run records this one
 * marker at its opening. A run recorded with the second marker answers from it for the patches it
 * stood for, and from the new patch's own marker (or its absence) for that one.
 */
export const CONSOLIDATED_PATCHES_3 = 'consolidated-patches-3';

/** The patches new with the third marker: the second does not stand for them. */
const AFTER_SECOND = new Set(['command-in-one-task']);

/** The five patches `consolidated-patches` stands for. */
const FIRST_FIVE = new Set(['rulebook-v2', 'notification-outbox', 'evidence-catalog', 'search-attributes-on-change', 'steady-wake-timer']);

/**
 * Whether the run takes the paths new with the first consolidated marker itself: the next
 * deadline's search attribute at a minute's grain (batch.ts), and a refused opening that clears
 * the attributes its run started with (dispute.workflow.ts). The latest marker is asked first, so
 * a new run records only it.
 */
export function consolidatedPatches(): boolean {
  return patched(CONSOLIDATED_PATCHES_3) || patched(CONSOLIDATED_PATCHES_2) || patched(CONSOLIDATED_PATCHES);
}

/**
 * Whether the run takes the new path of `patchId`, one of the patches a consolidated marker
 * stands for. Asked in place of `patched(patchId)`: a new run records the latest consolidated
 * marker at its first question and never the others; a run recorded before it answers from the
 * markers it has.
 */
export function patchInEffect(patchId: string): boolean {
  return (
    patched(CONSOLIDATED_PATCHES_3) ||
    (!AFTER_SECOND.has(patchId) && patched(CONSOLIDATED_PATCHES_2)) ||
    (FIRST_FIVE.has(patchId) && patched(CONSOLIDATED_PATCHES)) ||
    patched(patchId)
  );
}
