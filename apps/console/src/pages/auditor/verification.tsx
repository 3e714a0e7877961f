import { useState } from 'react';
import { request, type ApiError } from '../../api/client';
import { graphql } from '../../gql';
import type { AuditorVerifyEvidenceQuery, AuditorVerifyHistoryQuery } from '../../gql/graphql';
import { ErrorNote } from '../../ui/states';
import { Hash } from './hash';

const VerifyHistory = graphql(`
  query AuditorVerifyHistory($disputeId: ID!) {
    verifyDisputeHistory(disputeId: $disputeId) {
      valid
      length
      headHash
      firstBrokenSequence
      problem
      projection {
        version
        headHash
      }
    }
  }
`);

const VerifyEvidence = graphql(`
  query AuditorVerifyEvidence($disputeId: ID!) {
    verifyDisputeEvidence(disputeId: $disputeId) {
      valid
      citations {
        evidenceId
        sequence
        status
      }
      firstBroken {
        evidenceId
        sequence
        status
        problem
      }
    }
  }
`);

export interface Verification {
  history: AuditorVerifyHistoryQuery['verifyDisputeHistory'];
  files: AuditorVerifyEvidenceQuery['verifyDisputeEvidence'];
  at: Date;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The result in words: what was checked, and where it first fails. */
function Result({ result }: { result: Verification }) {
  const { history, files } = result;
  const valid = history.valid && files.valid;
  const unverifiable = files.citations.filter((citation) => citation.status === 'UNVERIFIABLE').length;
  return (
    <div className={valid ? 'ok-note audit-result' : 'error-note audit-result'} role="status">
      <p className="audit-verdict">
        <span className={valid ? 'badge ok' : 'badge bad'}>{valid ? 'Verified' : 'Broken'}</span>{' '}
        {valid ? 'The history and its files are as they were recorded.' : 'This case was altered after it was recorded.'}
      </p>
      <ul>
        {history.valid ? (
          <li>
            History: all {plural(history.length, 'event')} re-hash and chain to head <Hash value={history.headHash} />
            {history.projection ? `, the head the case recorded at version ${history.projection.version}` : ''}.
          </li>
        ) : (
          <li>
            History: broken at event <strong>{history.firstBrokenSequence ?? '?'}</strong> — {history.problem}
          </li>
        )}
        {files.valid ? (
          <li>
            Files: {files.citations.length === 0 ? 'the history cites no files.' : `${plural(files.citations.length - unverifiable, 'cited file')} ${files.citations.length - unverifiable === 1 ? 'matches' : 'match'} the SHA-256 their events recorded.`}
            {unverifiable > 0 ? ` ${plural(unverifiable, 'file')} cited before uploads were checked could not be verified.` : ''}
          </li>
        ) : (
          <li>
            Files: {files.firstBroken!.evidenceId}, cited at event <strong>{files.firstBroken!.sequence}</strong>, is {files.firstBroken!.status.toLowerCase()} — {files.firstBroken!.problem}
          </li>
        )}
      </ul>
      <p className="hint">Checked at {result.at.toISOString().slice(11, 19)} UTC.</p>
    </div>
  );
}

/** The Verify button: runs verifyDisputeHistory and verifyDisputeEvidence together, reports in words and colour. */
export function VerifyPanel({ disputeId, result, onResult }: { disputeId: string; result: Verification | null; onResult: (result: Verification) => void }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const verify = async () => {
    setPending(true);
    setError(null);
    const [history, files] = await Promise.all([request(VerifyHistory, { disputeId }), request(VerifyEvidence, { disputeId })]);
    setPending(false);
    if (!history.ok) return setError(history.error);
    if (!files.ok) return setError(files.error);
    onResult({ history: history.data.verifyDisputeHistory, files: files.data.verifyDisputeEvidence, at: new Date() });
  };
  return (
    <div className="audit-verify">
      <p className="hint">Re-hashes every event and checks the chain, the case's recorded head, and every file the history cites.</p>
      <button type="button" onClick={() => void verify()} disabled={pending} aria-describedby={error ? 'verify-error' : undefined}>
        {pending ? 'Verifying…' : 'Verify history and files'}
      </button>
      <ErrorNote error={error} id="verify-error" />
      {result && <Result result={result} />}
    </div>
  );
}
