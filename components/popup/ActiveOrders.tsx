import type { Order } from '../../lib/state/schema';
import { t } from '../../lib/i18n/i18n';
import { needsClock } from '../../lib/ui/orders';
import { serviceName, type ServiceItem } from '../../lib/ui/services';
import type { KnownCountries } from '../common/cache';
import { useNow } from '../common/hooks';
import { OrderCard } from './OrderCard';

interface Props {
  /** Orders not yet dismissed, newest first (`activeOrders`). */
  active: readonly Order[];
  services: readonly ServiceItem[];
  countries: KnownCountries;
  currency: string;
  focusOrderId: string | null;
}

/** The active orders; a clock ticks only while one counts down. */
export function ActiveOrders({ active: list, services, countries, currency, focusOrderId }: Props) {
  const now = useNow(needsClock(list));
  if (list.length === 0) return null;
  return (
    <section className="active-orders" aria-labelledby="active-title">
      <h2 id="active-title">{t('activeTitle', list.length)}</h2>
      {list.map((order) => (
        <OrderCard
          key={order.orderId}
          order={order}
          serviceName={serviceName(order.service, services)}
          countries={countries}
          now={now}
          currency={currency}
          focus={order.orderId === focusOrderId}
        />
      ))}
    </section>
  );
}
