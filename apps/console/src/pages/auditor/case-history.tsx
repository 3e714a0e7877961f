/** One dispute's verified history, as-of view and export (to be built). */
export function CaseHistory({ disputeId }: { disputeId: string }) {
  return <h1>History of {disputeId}</h1>;
}
