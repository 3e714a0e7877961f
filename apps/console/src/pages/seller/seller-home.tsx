import { currentSession } from '../../api/session';
import { SellerDisputes } from './seller-disputes';
import { SellerOrders } from './seller-orders';
import { SellerPerformance } from './seller-performance';
import './seller.css';

/** The seller's home: disputes waiting for them first, their orders, and their own figures. */
export function SellerHome() {
  const sellerId = currentSession()?.accountId ?? '';
  return (
    <div className="seller-home">
      <h1>Your disputes and orders</h1>
      <SellerDisputes sellerId={sellerId} />
      <SellerOrders />
      <SellerPerformance sellerId={sellerId} />
    </div>
  );
}
