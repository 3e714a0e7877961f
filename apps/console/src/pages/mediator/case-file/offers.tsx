import { formatMoney } from '../../../format/money';
import { dateTime } from '../../../format/time';
import { Empty } from '../../../ui/states';
import type { CaseDispute } from './types';

/** Who offered what and when, and what became of it (offer #1 is the buyer's request at opening). */
export function Offers({ offers }: { offers: CaseDispute['offers'] }) {
  return (
    <section className="panel" aria-labelledby="offers">
      <h2 id="offers">Offers</h2>
      {offers.length === 0 ? (
        <Empty>No offers were made.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">By</th>
                <th scope="col">Terms</th>
                <th scope="col">Made</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {offers.map((offer) => (
                <tr key={offer.offerNumber}>
                  <td>{offer.offerNumber}</td>
                  <td>{offer.by.toLowerCase()}</td>
                  <td>
                    {offer.kind.toLowerCase().replace(/_/g, ' ')}
                    {offer.amount ? ` · ${formatMoney(offer.amount.minorUnits, offer.amount.currency)}` : ''}
                  </td>
                  <td>{dateTime(offer.madeAt)}</td>
                  <td>
                    <span className="badge">{offer.status}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
