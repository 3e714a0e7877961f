/** One dispute's case file for the mediator (to be built). */
export function CaseFile({ disputeId }: { disputeId: string }) {
  return <h1>Case {disputeId}</h1>;
}
