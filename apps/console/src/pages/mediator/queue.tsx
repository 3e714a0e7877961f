/** The live mediation queue (to be built). */
export function MediationQueue() {
  return <h1>Mediation queue</h1>;
}
