import { useState, type FormEvent } from 'react';
import { idempotencyKey, useMutation } from '../../api/hooks';
import { graphql } from '../../gql';
import { dateTime } from '../../format/time';
import { Empty, ErrorNote, Loading } from '../../ui/states';
import type { PanelProps } from './dispute-fields';
import { useConversation } from './conversation-data';

const PostMessage = graphql(`
  mutation PartyPostMessage($input: PostMessageInput!) {
    postMessage(input: $input) {
      id
      version
    }
  }
`);

const authorWords = (role: string, me: string): string => (role === me ? 'You' : role === 'BUYER' ? 'Buyer' : role === 'SELLER' ? 'Seller' : role === 'MEDIATOR' ? 'Mediator' : 'Marketplace');

/** The conversation with the other party (and the mediator once there is one), live, with a message box. */
export function Conversation({ dispute, me, changed }: PanelProps) {
  const [body, setBody] = useState('');
  const post = useMutation(PostMessage);
  const conversation = useConversation(dispute.id, dispute.version);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const result = await post.run({ input: { disputeId: dispute.id, body, idempotencyKey: idempotencyKey() } });
    if (result.ok) {
      setBody('');
      changed();
    }
  };

  return (
    <section className="panel conversation" aria-labelledby="conversation-heading">
      <h2 id="conversation-heading">Conversation</h2>
      {conversation.status === 'loading' && <Loading what="the conversation" />}
      {conversation.status === 'error' && <ErrorNote error={conversation.error} />}
      {conversation.status === 'ready' && conversation.entries.length === 0 && <Empty>No messages yet.</Empty>}
      {conversation.status === 'ready' && conversation.entries.length > 0 && (
        <ol className="messages" aria-live="polite" aria-relevant="additions">
          {conversation.entries.map((entry) => (
            <li key={entry.key} className={entry.role === me ? 'message mine' : 'message'}>
              <span className="message-meta">
                {authorWords(entry.role, me)}
                {entry.context && `, ${entry.context}`} · {dateTime(entry.at)}
              </span>
              <span className="message-body">{entry.text}</span>
            </li>
          ))}
        </ol>
      )}
      {dispute.availableActions.includes('POST_MESSAGE') && (
        <form onSubmit={(event) => void send(event)}>
          <label htmlFor="message-body">Message</label>
          <textarea id="message-body" value={body} onChange={(event) => setBody(event.target.value)} aria-invalid={post.error?.field === 'body' || undefined} />
          <ErrorNote error={post.error} />
          <button type="submit" disabled={post.pending || body.trim() === ''}>
            Send message
          </button>
        </form>
      )}
    </section>
  );
}
