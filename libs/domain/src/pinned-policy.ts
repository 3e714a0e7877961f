// A dispute's pinned policy never changes after its opening (publishing never reaches a running
// dispute), and with its clause texts it is half of the state's JSON. So the state crosses
// Temporal without it after the opening (the append's projection, the Update's answer), and the
// receiver puts back the copy it already holds: the projection row, or the state the API read.
import type { Policy } from './policy';
import type { DisputeProjection } from './projection';
import type { DisputeState } from './state';

/** A state as sent through Temporal: without its pinned policy, or with it (the opening, older workers). */
export type SentState = Omit<DisputeState, 'policy'> & { policy?: Policy | null };

/** The state without its pinned policy, for a receiver that already holds the policy. */
export function withoutPolicy(state: DisputeState): SentState {
  const { policy: _pinned, ...rest } = state;
  return rest;
}

/** The whole state again: the policy sent with it wins (an older sender), else the one the receiver holds. */
export function withPinnedPolicy(state: SentState, pinned: Policy | null): DisputeState {
  return state.policy !== undefined ? { ...state, policy: state.policy } : { ...state, policy: pinned };
}

/** The projection row as the append sends it: its state may lack the policy the stored row keeps. */
export type SentProjection = Omit<DisputeProjection, 'state'> & { state: SentState };
