// A SHA-256 is 64 hex digits: the table shows the first and last few (enough to compare by eye),
// screen readers and copy get the whole value.

const short = (hash: string): string => (hash.length > 16 ? `${hash.slice(0, 8)}…${hash.slice(-6)}` : hash);

export function Hash({ value }: { value: string }) {
  return (
    <code className="audit-hash" title={value}>
      <span aria-hidden="true" className="audit-hash-short">
        {short(value)}
      </span>
      {/* Visually hidden, still selected and copied with the cell, and read out in full. */}
      <span className="audit-sr-only">{value}</span>
    </code>
  );
}
