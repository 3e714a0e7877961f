import { pendingDeadlines, whoseTurn } from '../../libs/domain/src';
import { histories } from './support/histories';

describe('the lifecycle fixtures', () => {
  it.each(Object.entries(histories))('%s reaches its state through decide', (_name, build) => {
    const history = (build as () => ReturnType<typeof histories.open>)();
    const state = history.state;
    expect(state.version).toBe(history.events.length);
    expect(state.status).not.toBe('NONE');
    expect(Array.isArray(pendingDeadlines(state))).toBe(true);
    expect(whoseTurn(state) === null || typeof whoseTurn(state)?.reason === 'string').toBe(true);
  });

  it('ends in the expected statuses', () => {
    expect(histories.open().state.status).toBe('OPEN');
    expect(histories.negotiating().state.status).toBe('NEGOTIATING');
    expect(histories.escalated().state.status).toBe('UNDER_MEDIATION');
    expect(histories.decided().state.status).toBe('DECIDED');
    expect(histories.appealClaimed().state.status).toBe('UNDER_APPEAL');
    expect(histories.awaitingReturn().state.status).toBe('AWAITING_RETURN');
    expect(histories.returnInTransit().state.status).toBe('RETURN_IN_TRANSIT');
    expect(histories.resolvedWithRefund().state.status).toBe('RESOLVED');
    expect(histories.closed().state.status).toBe('CLOSED');
    expect(histories.closed().state.refundedMinor).toBe(3_000);
    expect(histories.withdrawn().state.status).toBe('WITHDRAWN');
  });
});
