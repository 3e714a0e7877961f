import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { exponentOf, formatMoney, type Money as DomainMoney } from '../../../../libs/domain/src';
import { MinorUnits } from './minor-units.scalar';
import { Money } from './money.types';

/** What every Money shows besides its stored fields, wherever it appears. */
@Resolver(() => Money)
export class MoneyResolver {
  @ResolveField(() => MinorUnits, { description: 'The amount in minor units, exact up to 2^53 - 1.' })
  minorUnits(@Parent() money: DomainMoney): number {
    return money.amountMinor;
  }

  @ResolveField(() => Int, { description: 'Decimal places of the currency\u2019s minor unit (ISO 4217): JPY 0, EUR 2, KWD 3, CLF 4.' })
  exponent(@Parent() money: DomainMoney): number {
    return exponentOf(money.currency);
  }

  @ResolveField(() => String, { description: 'For people: the amount in the currency\u2019s units, e.g. "1234 JPY", "12.34 EUR", "1.234 KWD" (no thousands separators).' })
  formatted(@Parent() money: DomainMoney): string {
    return formatMoney(money.amountMinor, money.currency);
  }
}
