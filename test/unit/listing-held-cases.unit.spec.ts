import { canListCasesHeldBy, type Actor } from '../../libs/domain/src';

// "My cases" in the console is the mediation queue narrowed to one mediator: who may name whom.
describe('canListCasesHeldBy', () => {
  const maria: Actor = { role: 'MEDIATOR', id: 'mediator-maria' };
  const lena: Actor = { role: 'MEDIATOR', id: 'mediator-lena', lead: true };

  it('lets a mediator list their own cases and nobody else’s', () => {
    expect(canListCasesHeldBy(maria, 'mediator-maria')).toBe(true);
    expect(canListCasesHeldBy(maria, 'mediator-mike')).toBe(false);
    expect(canListCasesHeldBy(maria, '')).toBe(false);
  });

  it('lets a lead mediator and an auditor list anyone’s', () => {
    expect(canListCasesHeldBy(lena, 'mediator-maria')).toBe(true);
    expect(canListCasesHeldBy({ role: 'AUDITOR', id: 'auditor-ada' }, 'mediator-maria')).toBe(true);
  });

  it('refuses the parties, the system and administrators, even naming themselves', () => {
    for (const role of ['BUYER', 'SELLER', 'SYSTEM', 'ADMIN'] as const) {
      expect(canListCasesHeldBy({ role, id: 'someone' }, 'someone')).toBe(false);
    }
  });
});
