import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { request } from '../../../api/client';
import { idempotencyKey, useMutation } from '../../../api/hooks';
import { graphql } from '../../../gql';
import { dateTime } from '../../../format/time';
import { Empty, ErrorNote, Loading } from '../../../ui/states';
import { usePagedList } from './paged';
import type { CaseDispute } from './types';

const MessagesPage = graphql(`
  query CaseFileMessages($id: ID!, $after: String) {
    dispute(id: $id) {
      id
      messages(first: 10, after: $after) {
        totalCount
        edges {
          node {
            messageId
            at
            authorId
            authorRole
            body
          }
        }
        pageInfo {
          endCursor
          hasNextPage
        }
      }
    }
  }
`);

const PostMessage = graphql(`
  mutation CaseFilePostMessage($input: PostMessageInput!) {
    postMessage(input: $input) {
      id
      messageCount
    }
  }
`);

/** The conversation, ten messages a page, and the mediator's own message when the rules allow one. */
export function Messages({ dispute, onPosted }: { dispute: CaseDispute; onPosted: () => void }) {
  const fetchPage = useCallback(
    async (after: string | null) => {
      const result = await request(MessagesPage, { id: dispute.id, after });
      if (!result.ok) return result;
      const { edges, pageInfo } = result.data.dispute.messages;
      return { ok: true as const, data: { items: edges.map((edge) => edge.node), endCursor: pageInfo.endCursor ?? null, hasNextPage: pageInfo.hasNextPage } };
    },
    [dispute.id],
  );
  const messages = usePagedList(dispute.id, fetchPage);
  const { catchUp } = messages;
  const post = useMutation(PostMessage);
  const [body, setBody] = useState('');
  const [sent, setSent] = useState(false);

  // A new message on the dispute (anyone's) shows up without a reload.
  const count = dispute.messageCount;
  const seen = useRef(count);
  useEffect(() => {
    if (seen.current === count) return;
    seen.current = count;
    catchUp();
  }, [count, catchUp]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSent(false);
    const result = await post.run({ input: { disputeId: dispute.id, body, idempotencyKey: idempotencyKey() } });
    if (result.ok) {
      setBody('');
      setSent(true);
      onPosted();
    }
  };

  return (
    <section className="panel" aria-labelledby="messages">
      <h2 id="messages">Messages ({dispute.messageCount})</h2>
      {messages.status === 'loading' ? <Loading what="the messages" /> : null}
      {messages.status === 'error' ? <ErrorNote error={messages.error} /> : null}
      {messages.status === 'ready' && messages.items.length === 0 ? <Empty>No messages yet.</Empty> : null}
      {messages.items.length > 0 ? (
        <ol className="messages">
          {messages.items.map((message) => (
            <li key={message.messageId}>
              <p className="statement-head">
                {message.authorRole.toLowerCase()} {message.authorId} · {dateTime(message.at)}
              </p>
              <p className="message-body">{message.body}</p>
            </li>
          ))}
        </ol>
      ) : null}
      {messages.hasNextPage ? (
        <button type="button" className="quiet" onClick={messages.loadMore}>
          Show more messages
        </button>
      ) : null}
      {messages.status === 'ready' && messages.error ? <ErrorNote error={messages.error} /> : null}
      {dispute.availableActions.includes('POST_MESSAGE') ? (
        <form onSubmit={(event) => void submit(event)} className="action-form">
          <label htmlFor="message-body">Message to both parties</label>
          <textarea
            id="message-body"
            value={body}
            onChange={(event) => setBody(event.target.value)}
            aria-invalid={post.error?.field === 'body' ? true : undefined}
            aria-describedby={post.error ? 'message-error' : undefined}
          />
          <button type="submit" disabled={post.pending}>
            {post.pending ? 'Posting…' : 'Post message'}
          </button>
          <ErrorNote error={post.error} id="message-error" />
          {sent ? (
            <p className="ok-note" role="status">
              Message posted.
            </p>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}
