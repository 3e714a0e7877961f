/** Finds a case by id, order, buyer, seller, status and date (to be built). */
export function FindCase() {
  return <h1>Find a case</h1>;
}
