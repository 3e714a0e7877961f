import { graphql, tokenFor, withDisputeApi } from '../support/api';
import { eventsOf, recordsForOrder } from '../support/database';
import { uploadEvidence, type Citation } from '../support/evidence';
import { mutate, ok, openInput, readDispute, registerOrder, type DisputeMutationName } from './support/disputes';
import { disputeIn, type Caller, type State } from './support/states';

/**
 * The citation rule over the public API (docs/api.md, "Citing evidence"): every mutation that
 * carries evidence may cite only files its caller uploaded, with the hash the upload answered,
 * as a kind the detected content fits. Anything else is VALIDATION on the citation, records
 * nothing, and says nothing about whether someone else's id exists.
 */
interface CitingMutation {
  mutation: DisputeMutationName | 'openDispute';
  /** The state the dispute is brought to first; none for the opening. */
  state?: State;
  caller: Caller;
  input: (evidence: Citation[], dispute: { requestId?: string }) => Record<string, unknown>;
}

const CITING: CitingMutation[] = [
  { mutation: 'openDispute', caller: 'buyer', input: (evidence) => ({ evidence }) },
  { mutation: 'respondToDispute', state: 'open', caller: 'seller', input: (evidence) => ({ response: 'REJECT', explanation: 'It left our warehouse intact.', evidence }) },
  { mutation: 'addEvidence', state: 'negotiating', caller: 'buyer', input: (evidence) => ({ evidence }) },
  { mutation: 'answerInformationRequest', state: 'asked', caller: 'seller', input: (evidence, dispute) => ({ requestId: dispute.requestId, answer: 'The packing photos.', evidence }) },
  { mutation: 'fileAppeal', state: 'decided', caller: 'buyer', input: (evidence) => ({ grounds: 'A repair shop quoted 25 euros.', evidence }) },
  { mutation: 'contestReturn', state: 'inTransit', caller: 'seller', input: (evidence) => ({ explanation: 'A different phone came back.', evidence }) },
];

const NOT_YOURS = (id: string) => `Evidence ${id} is not a file you uploaded; upload the file (POST /evidence) and cite the evidenceId it answers.`;

describe('citing evidence: only your own uploads, with their real bytes (real API, worker, Temporal and PostgreSQL)', () => {
  const suite = withDisputeApi('e2e-citations');
  let system: string;

  beforeAll(async () => {
    system = await tokenFor('SYSTEM', 'order-feed');
  });

  describe.each(CITING)('$mutation', ({ mutation, state, caller, input }) => {
    it('refuses a foreign file, an unknown id, a wrong hash and a kind mismatch, recording nothing; accepts the caller\u2019s own upload with the catalog\u2019s facts', async () => {
      const staged = state ? await disputeIn(suite.api.url, system, state) : null;
      const order = staged?.order ?? (await registerOrder(suite.api.url, system));
      const tokens = staged?.tokens ?? { buyer: await tokenFor('BUYER', order.buyerId), seller: await tokenFor('SELLER', order.sellerId) };
      const token = tokens[caller as 'buyer' | 'seller'];
      const otherParty = tokens[caller === 'buyer' ? 'seller' : 'buyer'];
      const stranger = await tokenFor(caller === 'buyer' ? 'BUYER' : 'SELLER', `stranger-${order.orderId}`);

      const lead = await uploadEvidence(suite.api.url, token, 'a good photo first');
      const own = await uploadEvidence(suite.api.url, token, 'own photo');
      const jpegAsVideo = { ...(await uploadEvidence(suite.api.url, token, 'not a video')), kind: 'VIDEO' as const };
      const partys = await uploadEvidence(suite.api.url, otherParty, 'the other party\u2019s photo');
      const strangers = await uploadEvidence(suite.api.url, stranger, 'a stranger\u2019s photo');
      const send = (evidence: Citation[]) => {
        const body = input(evidence, staged ?? {});
        return mutate(suite.api.url, token, mutation, mutation === 'openDispute' ? openInput(order, body) : { disputeId: staged!.id, ...body });
      };
      const recorded = async () => (staged ? { events: await eventsOf(suite.dataSource, staged.id) } : await recordsForOrder(suite.dataSource, order.orderId));
      const before = await recorded();

      const refusals: [string, Citation, string][] = [
        ['the other party\u2019s file, with its real hash', partys, NOT_YOURS(partys.evidenceId)],
        ['a stranger\u2019s file, with its real hash', strangers, NOT_YOURS(strangers.evidenceId)],
        ['an id nobody uploaded', { ...own, evidenceId: 'ev-00000000-0000-4000-8000-000000000000', sha256: 'b'.repeat(64) }, NOT_YOURS('ev-00000000-0000-4000-8000-000000000000')],
        ['the caller\u2019s file with a made-up hash', { ...own, sha256: '0'.repeat(64) }, `The sha256 given for evidence ${own.evidenceId} is not the hash of the uploaded file; cite the sha256 the upload answered.`],
        ['a JPEG declared a VIDEO', jpegAsVideo, `Evidence ${jpegAsVideo.evidenceId} was detected as image/jpeg when uploaded, so it cannot be cited as VIDEO; a VIDEO is video/mp4.`],
      ];
      for (const [what, citation, message] of refusals) {
        // One of the caller's own files first, so the offending citation is the second: the field names it.
        const response = await send([lead, citation]);
        expect({ what, data: response.data ?? null, errors: response.errors }).toEqual({ what, data: null, errors: [expect.objectContaining({ message, extensions: { code: 'VALIDATION', field: 'evidence[1]' } })] });
        expect(await recorded()).toEqual(before);
      }

      const accepted = await ok(send([own]));
      expect(accepted.evidence.find((item) => item.evidenceId === own.evidenceId)).toEqual({
        evidenceId: own.evidenceId,
        sha256: own.sha256,
        kind: 'PHOTO',
        addedBy: caller === 'buyer' ? 'BUYER' : 'SELLER',
        sizeBytes: expect.any(Number),
        contentType: 'image/jpeg',
      });
      const [{ payload }] = await suite.dataSource.query(
        `SELECT payload FROM dispute_events WHERE dispute_id = $1 AND (type = 'EvidenceAdded' AND payload->'evidence'->>'evidenceId' = $2 OR type = 'DisputeOpened')
         ORDER BY sequence DESC LIMIT 1`,
        [accepted.id, own.evidenceId],
      );
      const item = [payload.evidence].flat().find((entry: { evidenceId: string }) => entry.evidenceId === own.evidenceId);
      const [file] = await suite.dataSource.query('SELECT sha256, size_bytes::int AS size, content_type FROM evidence_files WHERE evidence_id = $1', [own.evidenceId]);
      expect(item).toMatchObject({ sha256: file.sha256, sizeBytes: file.size, contentType: file.content_type });
    }, 60_000);
  });

  it('closes the hole that was reported: citing someone else\u2019s upload neither opens a dispute nor lets you download it', async () => {
    const victim = await registerOrder(suite.api.url, system);
    const thief = await registerOrder(suite.api.url, system);
    const thiefToken = await tokenFor('BUYER', thief.buyerId);
    const opening = await mutate(suite.api.url, thiefToken, 'openDispute', openInput(thief, { evidence: [victim.openingPhoto] }));
    expect(opening.errors?.[0].extensions).toEqual({ code: 'VALIDATION', field: 'evidence[0]' });
    expect(await recordsForOrder(suite.dataSource, thief.orderId)).toEqual({ disputes: 0, events: 0 });
    const download = await fetch(`${suite.api.url}/evidence/${victim.openingPhoto.evidenceId}`, { headers: { authorization: `Bearer ${thiefToken}` } });
    expect(download.status).toBe(404);
    expect(await download.json()).toEqual({ error: { code: 'NOT_FOUND', message: `No evidence ${victim.openingPhoto.evidenceId} exists that you can see.` } });
  });

  it('who may download a cited file: the uploader, the parties, the mediators who held the case, auditors; everyone else NOT_FOUND', async () => {
    const staged = await disputeIn(suite.api.url, system, 'claimed');
    const sellerFile = await uploadEvidence(suite.api.url, staged.tokens.seller, 'courier receipt', 'DOCUMENT');
    const uncited = await uploadEvidence(suite.api.url, staged.tokens.seller, 'never cited');
    await ok(mutate(suite.api.url, staged.tokens.seller, 'addEvidence', { disputeId: staged.id, evidence: [sellerFile] }));
    const tokens = {
      buyer: staged.tokens.buyer,
      seller: staged.tokens.seller,
      'the assigned mediator': staged.tokens.maria,
      auditor: await tokenFor('AUDITOR', 'auditor-ada'),
      'another mediator': staged.tokens.mike,
      'another buyer': await tokenFor('BUYER', 'buyer-not-party'),
      'another seller': await tokenFor('SELLER', 'seller-not-party'),
      system,
    };
    const status = async (evidenceId: string, token: string | undefined) => (await fetch(`${suite.api.url}/evidence/${evidenceId}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })).status;
    const matrix: Record<string, Record<string, number>> = {};
    for (const [who, token] of Object.entries(tokens)) {
      matrix[who] = { opening: await status(staged.order.openingPhoto.evidenceId, token), seller: await status(sellerFile.evidenceId, token), uncited: await status(uncited.evidenceId, token) };
    }
    matrix.anonymous = { opening: await status(staged.order.openingPhoto.evidenceId, undefined), seller: await status(sellerFile.evidenceId, undefined), uncited: await status(uncited.evidenceId, undefined) };
    expect(matrix).toEqual({
      buyer: { opening: 200, seller: 200, uncited: 404 },
      seller: { opening: 200, seller: 200, uncited: 200 },
      'the assigned mediator': { opening: 200, seller: 200, uncited: 404 },
      auditor: { opening: 200, seller: 200, uncited: 404 },
      'another mediator': { opening: 404, seller: 404, uncited: 404 },
      'another buyer': { opening: 404, seller: 404, uncited: 404 },
      'another seller': { opening: 404, seller: 404, uncited: 404 },
      system: { opening: 404, seller: 404, uncited: 404 },
      anonymous: { opening: 401, seller: 401, uncited: 401 },
    });
    // NOT_FOUND for a file you may not see is word for word the answer for an id that does not exist.
    const hidden = (await (await fetch(`${suite.api.url}/evidence/${sellerFile.evidenceId}`, { headers: { authorization: `Bearer ${tokens['another buyer']}` } })).json()) as { error: { message: string } };
    const missing = (await (await fetch(`${suite.api.url}/evidence/ev-missing`, { headers: { authorization: `Bearer ${tokens['another buyer']}` } })).json()) as { error: { message: string } };
    expect(hidden.error.message.replace(sellerFile.evidenceId, 'ID')).toBe(missing.error.message.replace('ev-missing', 'ID'));
  }, 60_000);

  it('a seller\u2019s rejection without evidence says that a rejection needs evidence', async () => {
    const staged = await disputeIn(suite.api.url, system, 'open');
    for (const evidence of [undefined, []]) {
      const response = await mutate(suite.api.url, staged.tokens.seller, 'respondToDispute', { disputeId: staged.id, response: 'REJECT', explanation: 'It left intact.', ...(evidence ? { evidence } : {}) });
      expect(response.errors).toEqual([expect.objectContaining({ message: 'Rejecting a dispute needs at least one piece of evidence.', extensions: { code: 'VALIDATION', field: 'evidence' } })]);
    }
    expect((await readDispute(suite.api.url, staged.tokens.seller, staged.id)).data!.dispute.status).toBe('OPEN');
  });

  it('answers variables with more errors than graphql-js will list as VALIDATION, without a stack trace', async () => {
    const order = await registerOrder(suite.api.url, system);
    const buyer = await tokenFor('BUYER', order.buyerId);
    const evidence = Array.from({ length: 60 }, (_, index) => ({ evidenceId: `ev-${index}`, sha256: 'a'.repeat(64), kind: 'HOLOGRAM' }));
    const response = await mutate(suite.api.url, buyer, 'openDispute', openInput(order, { evidence }));
    expect(response.data ?? null).toBeNull();
    expect(response.errors!.length).toBeGreaterThan(50);
    for (const error of response.errors!) {
      expect(error.extensions).toEqual({ code: 'VALIDATION' });
      expect(error.message).toMatch(/^[A-Z].*\.$|^Variable "\$input" got invalid value/);
    }
    expect(response.errors!.at(-1)!.message).toBe('The variables hold too many invalid values; the first ones are reported above. Correct them and send the request again.');
    expect(await recordsForOrder(suite.dataSource, order.orderId)).toEqual({ disputes: 0, events: 0 });
    expect((await graphql(suite.api.url, '{ viewer { id } }', {}, buyer)).data).toEqual({ viewer: { id: order.buyerId } });
  });
});
