// The citation rule (libs/domain/src/citations.ts): every command that carries evidence may
// cite only files its author uploaded, with their stored hash, as a kind their content fits.
import type { Actor, DisputeCommand, DisputeEvent, EvidenceKind, UploadedFile } from '../../libs/domain/src';
import { COMMAND_TYPES, EVIDENCE_KINDS, KIND_CONTENT_TYPES, canReadEvidence, citedEvidenceIds, fold, kindFits } from '../../libs/domain/src';
import { at, auditor, buyer, DAY, HOUR, mediator, openData, otherBuyer, photo, secondMediator, seller, sha, upload, UPLOAD_SIZE } from './support/fixtures';
import { cmd, histories } from './support/histories';
import { given } from './support/spec';

/** One case per command that carries evidence: the history it is sent in, and the command citing `ref` as `actor`. */
interface CitingCommand {
  name: string;
  author: Actor;
  given: () => DisputeEvent[];
  now: string;
  command: (evidence: ReturnType<typeof photo>[]) => DisputeCommand;
}

const T_ASKED = at(2 * DAY + 2 * HOUR);
const CITING: CitingCommand[] = [
  { name: 'OpenDispute', author: buyer, given: () => [], now: at(0), command: (evidence) => cmd('OpenDispute', buyer, openData({ evidence })) },
  {
    name: 'RespondToDispute (REJECT)',
    author: seller,
    given: () => histories.open().events,
    now: at(HOUR),
    command: (evidence) => cmd('RespondToDispute', seller, { response: 'REJECT', explanation: 'It left intact.', evidence }),
  },
  { name: 'AddEvidence', author: buyer, given: () => histories.negotiating().events, now: at(DAY + HOUR), command: (evidence) => cmd('AddEvidence', buyer, { evidence }) },
  {
    name: 'AnswerInformationRequest',
    author: seller,
    given: () => histories.claimed().then(cmd('RequestInformation', mediator, { requestId: 'rq-1', from: 'SELLER', question: 'Packing photos?' }), T_ASKED).events,
    now: T_ASKED,
    command: (evidence) => cmd('AnswerInformationRequest', seller, { requestId: 'rq-1', answer: 'Attached.', evidence }),
  },
  { name: 'FileAppeal', author: buyer, given: () => histories.decided().events, now: at(4 * DAY), command: (evidence) => cmd('FileAppeal', buyer, { grounds: 'A repair quote.', evidence }) },
  {
    name: 'ContestReturn',
    author: seller,
    given: () => histories.returnInTransit().events,
    now: at(3 * DAY + HOUR),
    command: (evidence) => cmd('ContestReturn', seller, { explanation: 'A brick came back.', evidence }),
  },
];

const NOT_UPLOADED = /^Evidence ev-77 is not a file you uploaded;/;

describe.each(CITING)('citing files in $name', (c) => {
  const cited = photo(77);
  const decideWith = (files: UploadedFile[], ref = cited) => given(c.given()).when(c.command([photo(5, { evidenceId: 'ev-own-5' }), ref]), { now: c.now, evidenceFiles: [upload(photo(5, { evidenceId: 'ev-own-5' }), c.author), ...files] });

  it('accepts the author\u2019s own upload, cited with its hash, and records the catalog\u2019s size and type', () => {
    const { decision } = decideWith([upload(cited, c.author, 'image/png')]);
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    const recorded = fold([...c.given(), ...decision.events]).evidence.find((e) => e.evidenceId === 'ev-77');
    expect(recorded).toMatchObject({ evidenceId: 'ev-77', sha256: sha(77), kind: 'PHOTO', sizeBytes: UPLOAD_SIZE, contentType: 'image/png' });
  });

  it('refuses an id nobody uploaded, naming the citation', () => {
    expect(decideWith([]).rejects('VALIDATION', 'evidence[1]')).toMatch(NOT_UPLOADED);
  });

  it('refuses a file another account uploaded exactly as an unknown id, even with its real hash', () => {
    const unknown = decideWith([]).rejects('VALIDATION', 'evidence[1]');
    for (const other of [otherBuyer, { role: c.author.role === 'BUYER' ? 'SELLER' : 'BUYER', id: c.author.id } as Actor, c.author.role === 'BUYER' ? seller : buyer]) {
      expect(decideWith([upload(cited, other)]).rejects('VALIDATION', 'evidence[1]')).toBe(unknown);
    }
  });

  it('refuses a hash that is not the stored one', () => {
    const message = decideWith([upload(cited, c.author)], photo(77, { sha256: '0'.repeat(64) })).rejects('VALIDATION', 'evidence[1]');
    expect(message).toMatch(/not the hash of the uploaded file/);
  });

  it('refuses a kind the detected content does not fit', () => {
    const message = decideWith([upload(cited, c.author, 'image/jpeg')], photo(77, { kind: 'VIDEO' })).rejects('VALIDATION', 'evidence[1]');
    expect(message).toBe('Evidence ev-77 was detected as image/jpeg when uploaded, so it cannot be cited as VIDEO; a VIDEO is video/mp4.');
  });

  it('takes citations as sent only when replaying a history recorded before the rule', () => {
    const { decision } = given(c.given()).when(c.command([cited]), { now: c.now, evidenceFiles: [], uncheckedCitations: true });
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    const recorded = fold([...c.given(), ...decision.events]).evidence.find((e) => e.evidenceId === 'ev-77');
    expect(recorded).toEqual({ evidenceId: 'ev-77', sha256: sha(77), kind: 'PHOTO', description: null, addedBy: c.author.role, addedAt: c.now });
  });
});

describe('the citation rule\u2019s parts', () => {
  it('the kinds table: each kind admits exactly its content types', () => {
    const expected: Record<EvidenceKind, string[]> = {
      PHOTO: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
      SCREENSHOT: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
      VIDEO: ['video/mp4'],
      DOCUMENT: ['application/pdf'],
      CHAT_LOG: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/gif'],
      TRACKING: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/gif'],
    };
    expect(KIND_CONTENT_TYPES).toEqual(expected);
    for (const kind of EVIDENCE_KINDS) {
      expect(kindFits(kind, 'application/octet-stream')).toBe(false);
      for (const type of expected[kind]) expect(kindFits(kind, type)).toBe(true);
    }
    expect(kindFits('DOCUMENT', 'image/png')).toBe(false);
    expect(kindFits('PHOTO', 'video/mp4')).toBe(false);
  });

  it('citedEvidenceIds lists the ids of exactly the commands that carry evidence', () => {
    const carrying = COMMAND_TYPES.filter((type) => citedEvidenceIds({ type, data: { evidence: [photo(1)] } }).length > 0);
    expect(carrying).toEqual(['OpenDispute', 'RespondToDispute', 'AddEvidence', 'AnswerInformationRequest', 'FileAppeal', 'ContestReturn', 'ReportReplacementProblem']);
  });

  it('citedEvidenceIds skips what is not an id and repeats', () => {
    const data = { evidence: [photo(1), photo(1), { evidenceId: 3 }, null, 'ev-x', { evidenceId: '' }, { evidenceId: 'x'.repeat(201) }, photo(2)] };
    expect(citedEvidenceIds({ type: 'AddEvidence', data })).toEqual(['ev-1', 'ev-2']);
    expect(citedEvidenceIds({ type: 'AddEvidence', data: 'garbage' })).toEqual([]);
    expect(citedEvidenceIds({ type: 'AddEvidence', data: { evidence: 'x' } })).toEqual([]);
    expect(citedEvidenceIds({ type: 'NoSuchCommand', data })).toEqual([]);
  });

  it('a malformed catalog answer counts as no upload, never as an exception', () => {
    const command = cmd('AddEvidence', buyer, { evidence: [photo(9)] });
    const garbage = [null, 7, { evidenceId: 'ev-9' }] as unknown as UploadedFile[];
    given(histories.negotiating().events).when(command, { now: at(DAY + HOUR), evidenceFiles: garbage }).rejects('VALIDATION', 'evidence[0]');
    given(histories.negotiating().events).when(command, { now: at(DAY + HOUR), evidenceFiles: 'x' as unknown as UploadedFile[] }).rejects('VALIDATION', 'evidence[0]');
  });

  it('a seller\u2019s rejection without evidence says that a rejection needs evidence', () => {
    for (const evidence of [undefined, null, []]) {
      const message = given(histories.open().events)
        .when(cmd('RespondToDispute', seller, { response: 'REJECT', explanation: 'It left intact.', evidence } as never), { now: at(HOUR) })
        .rejects('VALIDATION', 'evidence');
      expect(message).toBe('Rejecting a dispute needs at least one piece of evidence.');
    }
  });
});

describe('who may download a cited file', () => {
  const appealDecided = () =>
    histories
      .appealClaimed()
      .then(cmd('DecideAppeal', secondMediator, { outcome: 'FULL_REFUND', rationale: 'Upheld.', citedEvidenceIds: [], citedPolicyClauses: ['NAD-1'] }), at(5 * DAY)).state;

  it('the parties, the mediators who held or ruled on the case, and auditors', () => {
    const state = appealDecided();
    for (const actor of [buyer, seller, mediator, secondMediator, auditor]) expect(canReadEvidence(state, actor)).toBe(true);
  });

  it('not another buyer or seller, a mediator who never held the case, or the system', () => {
    const state = appealDecided();
    for (const actor of [otherBuyer, { role: 'SELLER', id: 'seller-2' }, { role: 'MEDIATOR', id: 'mediator-3' }, { role: 'SYSTEM', id: 'clock' }] as Actor[]) {
      expect(canReadEvidence(state, actor)).toBe(false);
    }
  });

  it('an escalated case nobody claimed yet: mediators see the list, not the files', () => {
    expect(canReadEvidence(histories.escalated().state, mediator)).toBe(false);
    expect(canReadEvidence(histories.claimed().state, mediator)).toBe(true);
    expect(canReadEvidence(fold([]), auditor)).toBe(false);
  });
});
