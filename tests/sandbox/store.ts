import { randomBytes } from 'node:crypto';
import {
  ANY_OPERATOR,
  RENTAL_DURATIONS,
  RENTAL_TEMPLATE_KEYS,
  findCountry,
  findOffer,
  findRentalService,
  findService,
  offersFor,
  rentalPrices,
  type Offer,
} from './catalog.ts';
import { applyConfigPatch, type Clock, type ConfigPatch, type SandboxConfig } from './config.ts';
import { ApiError } from './errors.ts';
import { formatUsd, type Cents } from './money.ts';
import { generateNumber } from './phone-numbers.ts';
import { keyHint } from './request-log.ts';
import { Rng } from './random.ts';
import { extractCode, freshCode, smsTemplate } from './sms-templates.ts';

/**
 * The sandbox's state: wallets, orders, rentals and the money ledger, with the
 * API's rules. No HTTP and no timers: time comes from the injected clock, and
 * everything that happens "by itself" (auto-delivered SMS, expiry) is applied
 * lazily by settle() at the start of every public method, stamped with the
 * time it was due. A reader therefore sees the same state whether it polls
 * every 100 ms or once an hour later, and tests move a fake clock instead of
 * waiting.
 */

/**
 * `waiting` covers the spec's "pending" too: POST /buy answers "pending", GET
 * /sms answers "waiting", and cancel works "only while pending"; they are one
 * state here (ENGINEERING.md: "Treat pending and waiting as one state").
 */
export type OrderStatus = 'waiting' | 'received' | 'cancelled' | 'expired';

/** An SMS to a verification order. `code` is absent when the text has none. */
export interface OrderSms {
  code?: string;
  text: string;
  at: number;
}

export interface Order {
  id: string;
  key: string;
  service: string;
  countryId: number;
  operator: string;
  number: string;
  costCents: Cents;
  status: OrderStatus;
  createdAt: number;
  /** Fixed at purchase: a later change of orderLifetimeMs does not move it. */
  expiresAt: number;
  /**
   * When auto-delivery sends this order's one SMS; null once the order has any
   * SMS or has ended. Auto-delivery sends only to orders without an SMS, so a
   * test that delivers by hand is not surprised by a second, automatic one.
   */
  autoDeliverAt: number | null;
  /** Oldest first. */
  sms: OrderSms[];
}

export interface RentalSms {
  from: string;
  body: string;
  code?: string;
  at: number;
}

export interface Rental {
  id: string;
  key: string;
  service: string;
  number: string;
  days: number;
  costCents: Cents;
  createdAt: number;
  endsAt: number;
  /** Oldest first. */
  messages: RentalSms[];
}

export interface Charge {
  kind: 'buy' | 'rental';
  id: string;
  amountCents: Cents;
  at: number;
}

export interface Refund {
  orderId: string;
  amountCents: Cents;
  reason: 'cancel' | 'expired';
  at: number;
}

export interface Account {
  key: string;
  balanceCents: Cents;
  /** Oldest first. */
  orders: Order[];
  /** Oldest first. */
  rentals: Rental[];
  charges: Charge[];
  refunds: Refund[];
}

/** Whose auto-delivery a hold applies to: everyone, one key, or one order. */
export type HoldScope = { kind: 'global' } | { kind: 'key'; key: string } | { kind: 'order'; orderId: string };

export interface BuyRequest {
  service: string;
  country: number;
  operator?: string;
}

/** What POST /__control/deliver sends; every field optional. */
export interface DeliverRequest {
  code?: string;
  text?: string;
  /** Rentals only: the sender shown in the inbox. */
  from?: string;
  count?: number;
}

const DAY_MS = 24 * 60 * 60_000;
const KEY_PREFIX = 'np_test_';
/** The spec's example rental id is "r1...": rental ids start with "r", so they never pass for order ids. */
const RENTAL_ID_PREFIX = 'r';

/**
 * Ids come from crypto, not the seeded RNG: a reset re-seeds the RNG, and a
 * client holding an id from before the reset must get a 404, not someone
 * else's new order under the same id.
 */
const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');

export interface StoreOptions {
  config: SandboxConfig;
  clock: Clock;
  seed: number;
}

export class Store {
  /** Live: the rate limiter reads it too. */
  readonly config: SandboxConfig;
  readonly #clock: Clock;
  readonly #rng: Rng;
  readonly #accounts = new Map<string, Account>();
  readonly #orders = new Map<string, Order>();
  readonly #rentals = new Map<string, Rental>();
  /** Orders still waiting, the only ones settle() has to look at. */
  readonly #waiting = new Set<Order>();
  /** Current stock per "service:country"; absent means untouched (the catalog's initial stock). */
  readonly #stock = new Map<string, number>();
  #globalHold = false;
  readonly #heldKeys = new Set<string>();
  readonly #heldOrders = new Set<string>();

  constructor({ config, clock, seed }: StoreOptions) {
    this.config = config;
    this.#clock = clock;
    this.#rng = new Rng(seed);
  }

  // ---- Keys and wallets

  hasKey(key: string): boolean {
    return this.#accounts.has(key);
  }

  addKey(key: string | undefined, balanceCents: Cents): string {
    const newKey = key ?? KEY_PREFIX + randomHex(12);
    if (this.#accounts.has(newKey)) throw new ApiError(409, `The key ${keyHint(newKey)}… already exists.`);
    this.#accounts.set(newKey, { key: newKey, balanceCents, orders: [], rentals: [], charges: [], refunds: [] });
    return newKey;
  }

  setBalance(key: string, balanceCents: Cents): void {
    this.#settle();
    this.#account(key).balanceCents = balanceCents;
  }

  balance(key: string): Cents {
    this.#settle();
    return this.#account(key).balanceCents;
  }

  /** The whole account, for assertions (GET /__control/state). */
  account(key: string): Readonly<Account> {
    this.#settle();
    return this.#account(key);
  }

  // ---- Catalog with live stock

  /** Offers of a service that are in stock now, with that stock. */
  offersInStock(serviceId: string): Array<{ offer: Offer; stock: number }> {
    if (!findService(serviceId)) throw new ApiError(400, `Unknown service "${serviceId}"; see GET /services.`);
    this.#settle();
    return offersFor(serviceId)
      .map((offer) => ({ offer, stock: this.#stockOf(offer) }))
      .filter(({ stock }) => stock > 0);
  }

  // ---- Verification orders

  buy(key: string, request: BuyRequest): Order {
    this.#settle();
    const account = this.#account(key);
    const offer = this.#resolveOffer(request);
    const operator = request.operator ?? ANY_OPERATOR;
    if (!offer.country.operators.includes(operator)) {
      throw new ApiError(
        400,
        `Unknown operator "${operator}" for ${offer.country.name}; choose one of: ${offer.country.operators.join(', ')}.`,
      );
    }
    // Sold out is the caller's choice of country, not a provider fault, hence 400 and not 5xx ("safe to retry").
    if (this.#stockOf(offer) <= 0) {
      throw new ApiError(400, `No ${offer.service.name} numbers in stock in ${offer.country.name} right now; try another country.`);
    }
    this.#charge(account, offer.priceCents);

    const now = this.#clock();
    const order: Order = {
      id: randomHex(12),
      key,
      service: offer.service.id,
      countryId: offer.country.id,
      operator,
      number: generateNumber(offer.country.iso2, this.#rng),
      costCents: offer.priceCents,
      status: 'waiting',
      createdAt: now,
      expiresAt: now + this.config.orderLifetimeMs,
      // Drawn even when autoDeliver is off, so turning it on later delivers on the same schedule.
      autoDeliverAt: now + this.#deliverDelay(),
      sms: [],
    };
    this.#setStock(offer, this.#stockOf(offer) - 1);
    account.orders.push(order);
    account.charges.push({ kind: 'buy', id: order.id, amountCents: order.costCents, at: now });
    this.#orders.set(order.id, order);
    this.#waiting.add(order);
    return order;
  }

  /** Another key's order is a 404 too: whether it exists is none of this key's business. */
  order(key: string, orderId: string): Order {
    this.#settle();
    const order = this.#orders.get(orderId);
    if (!order || order.key !== key) throw new ApiError(404, `Order ${orderId} not found.`);
    return order;
  }

  cancel(key: string, orderId: string): Order {
    const order = this.order(key, orderId);
    switch (order.status) {
      case 'received':
        throw new ApiError(400, 'Code already received; this order cannot be cancelled.');
      case 'cancelled':
        throw new ApiError(400, 'This order is already cancelled and was refunded.');
      case 'expired':
        throw new ApiError(400, 'This order has expired and was already refunded.');
      case 'waiting':
        break;
    }
    const now = this.#clock();
    const lockedFor = order.createdAt + this.config.cancelLockMs - now;
    if (lockedFor > 0) throw new ApiError(400, `Too early to cancel; try again in ${Math.ceil(lockedFor / 1000)} s.`);
    this.#end(order, 'cancelled', now);
    return order;
  }

  /** Newest first. */
  listOrders(key: string, limit: number, offset: number): { orders: Order[]; total: number } {
    this.#settle();
    const all = this.#account(key).orders;
    const newestFirst = all.slice().reverse();
    return { orders: newestFirst.slice(offset, offset + limit), total: all.length };
  }

  /** Sends SMS to an order now, whoever owns it (a control operation). */
  deliverToOrder(orderId: string, request: DeliverRequest): { order: Order; delivered: OrderSms[] } {
    this.#settle();
    const order = this.#orders.get(orderId);
    if (!order) throw new ApiError(404, `Order ${orderId} not found.`);
    if (order.status === 'cancelled' || order.status === 'expired') {
      throw new ApiError(409, `Order ${orderId} is ${order.status}; it receives no more SMS.`);
    }
    const now = this.#clock();
    const delivered: OrderSms[] = [];
    for (let i = 0; i < (request.count ?? 1); i++) {
      const { code, text } = this.#composeSms(order.service, request);
      delivered.push(this.#receive(order, { ...(code === undefined ? {} : { code }), text, at: now }));
    }
    return { order, delivered };
  }

  // ---- Auto-delivery holds and live configuration

  setHold(scope: HoldScope, hold: boolean): void {
    this.#settle();
    switch (scope.kind) {
      case 'global':
        this.#globalHold = hold;
        break;
      case 'key':
        this.#account(scope.key);
        toggle(this.#heldKeys, scope.key, hold);
        break;
      case 'order':
        if (!this.#orders.has(scope.orderId)) throw new ApiError(404, `Order ${scope.orderId} not found.`);
        toggle(this.#heldOrders, scope.orderId, hold);
        break;
    }
    if (!hold) this.#rescheduleMissedDeliveries();
  }

  holds(): { global: boolean; keys: string[]; orders: string[] } {
    return { global: this.#globalHold, keys: [...this.#heldKeys], orders: [...this.#heldOrders] };
  }

  /** Changes apply from now on: orders keep the lifetime and delivery time drawn at purchase. */
  configure(patch: ConfigPatch): SandboxConfig {
    this.#settle();
    applyConfigPatch(this.config, patch);
    if (patch.autoDeliver === true) this.#rescheduleMissedDeliveries();
    return this.config;
  }

  // ---- Rentals

  rent(key: string, serviceSlug: string, durationKey: string): Rental {
    this.#settle();
    const account = this.#account(key);
    const service = findRentalService(serviceSlug);
    if (!service) throw new ApiError(400, `Unknown rental service "${serviceSlug}"; see GET /rentals/services.`);
    const price = rentalPrices(service).find((p) => p.duration === durationKey);
    if (!price) {
      const keys = RENTAL_DURATIONS.map((d) => d.duration).join(', ');
      throw new ApiError(400, `Unknown duration "${durationKey}"; choose one of: ${keys}.`);
    }
    this.#charge(account, price.priceCents);

    const now = this.#clock();
    const rental: Rental = {
      id: RENTAL_ID_PREFIX + randomHex(12),
      key,
      service: service.service,
      number: generateNumber('US', this.#rng),
      days: price.days,
      costCents: price.priceCents,
      createdAt: now,
      endsAt: now + price.days * DAY_MS,
      messages: [],
    };
    account.rentals.push(rental);
    account.charges.push({ kind: 'rental', id: rental.id, amountCents: rental.costCents, at: now });
    this.#rentals.set(rental.id, rental);
    return rental;
  }

  /** Newest first. */
  listRentals(key: string): Rental[] {
    this.#settle();
    return this.#account(key).rentals.slice().reverse();
  }

  rental(key: string, rentalId: string): Rental {
    this.#settle();
    const rental = this.#rentals.get(rentalId);
    if (!rental || rental.key !== key) throw new ApiError(404, `Rental ${rentalId} not found.`);
    return rental;
  }

  deliverToRental(rentalId: string, request: DeliverRequest): { rental: Rental; delivered: RentalSms[] } {
    this.#settle();
    const rental = this.#rentals.get(rentalId);
    if (!rental) throw new ApiError(404, `Rental ${rentalId} not found.`);
    const now = this.#clock();
    if (now >= rental.endsAt) {
      throw new ApiError(409, `Rental ${rentalId} ended at ${new Date(rental.endsAt).toISOString()}; it receives no more SMS.`);
    }
    const templateKey = RENTAL_TEMPLATE_KEYS[rental.service] ?? rental.service;
    const from = request.from ?? smsTemplate(templateKey).sender;
    const delivered: RentalSms[] = [];
    for (let i = 0; i < (request.count ?? 1); i++) {
      const { code, text } = this.#composeSms(templateKey, request);
      const sms: RentalSms = { from, body: text, ...(code === undefined ? {} : { code }), at: now };
      rental.messages.push(sms);
      delivered.push(sms);
    }
    return { rental, delivered };
  }

  isRentalActive(rental: Rental): boolean {
    return this.#clock() < rental.endsAt;
  }

  // ---- Internals

  /** Applies, in due time, every auto-delivery and expiry that has come due. */
  #settle(): void {
    const now = this.#clock();
    for (const order of this.#waiting) {
      const due = order.autoDeliverAt;
      if (due !== null && due <= now && due < order.expiresAt && this.config.autoDeliver && !this.#isHeld(order)) {
        const code = freshCode(order.service, this.#rng);
        this.#receive(order, { code, text: smsTemplate(order.service).text(code), at: due });
      } else if (order.expiresAt <= now) {
        this.#end(order, 'expired', order.expiresAt);
      }
    }
  }

  /**
   * After a hold is released or auto-delivery switched on, orders whose
   * delivery time passed meanwhile get a fresh delay from now, as if the
   * provider's queue had just let them through.
   */
  #rescheduleMissedDeliveries(): void {
    const now = this.#clock();
    for (const order of this.#waiting) {
      if (order.autoDeliverAt !== null && order.autoDeliverAt <= now && !this.#isHeld(order)) {
        order.autoDeliverAt = now + this.#deliverDelay();
      }
    }
  }

  #isHeld(order: Order): boolean {
    return this.#globalHold || this.#heldKeys.has(order.key) || this.#heldOrders.has(order.id);
  }

  #deliverDelay(): number {
    const [min, max] = this.config.deliverDelayMs;
    return this.#rng.int(min, max);
  }

  #receive(order: Order, sms: OrderSms): OrderSms {
    order.sms.push(sms);
    order.status = 'received';
    order.autoDeliverAt = null;
    this.#waiting.delete(order);
    return sms;
  }

  /** Cancel or expiry: the number goes back to stock and the wallet gets the full cost back. */
  #end(order: Order, status: 'cancelled' | 'expired', at: number): void {
    const account = this.#account(order.key);
    order.status = status;
    order.autoDeliverAt = null;
    this.#waiting.delete(order);
    account.balanceCents += order.costCents;
    account.refunds.push({ orderId: order.id, amountCents: order.costCents, reason: status === 'cancelled' ? 'cancel' : 'expired', at });
    const offer = findOffer(order.service, order.countryId);
    if (offer) this.#setStock(offer, this.#stockOf(offer) + 1);
  }

  /**
   * The code is the given one, else the one in the given text, else a fresh
   * one; the text is the given one, else the service's usual SMS with the code.
   */
  #composeSms(templateKey: string, request: DeliverRequest): { code?: string; text: string } {
    if (request.text !== undefined) {
      const code = request.code ?? extractCode(request.text);
      return { ...(code === undefined ? {} : { code }), text: request.text };
    }
    const code = request.code ?? freshCode(templateKey, this.#rng);
    return { code, text: smsTemplate(templateKey).text(code) };
  }

  #resolveOffer({ service: serviceId, country: countryId }: BuyRequest): Offer {
    const service = findService(serviceId);
    if (!service) throw new ApiError(400, `Unknown service "${serviceId}"; see GET /services.`);
    const country = findCountry(countryId);
    if (!country) throw new ApiError(400, `Unknown country ${countryId}; see GET /countries.`);
    const offer = findOffer(service.id, country.id);
    if (!offer) {
      throw new ApiError(400, `${service.name} numbers are not offered in ${country.name}; see GET /countries?service=${service.id}.`);
    }
    return offer;
  }

  #charge(account: Account, priceCents: Cents): void {
    if (account.balanceCents < priceCents) {
      throw new ApiError(
        402,
        `Insufficient balance: this costs ${formatUsd(priceCents)} and your balance is ${formatUsd(account.balanceCents)}. Top up at numpool.com.`,
      );
    }
    account.balanceCents -= priceCents;
  }

  #account(key: string): Account {
    const account = this.#accounts.get(key);
    if (!account) throw new ApiError(404, `No such key: ${keyHint(key)}…`);
    return account;
  }

  #stockOf(offer: Offer): number {
    return this.#stock.get(`${offer.service.id}:${offer.country.id}`) ?? offer.initialStock;
  }

  #setStock(offer: Offer, stock: number): void {
    this.#stock.set(`${offer.service.id}:${offer.country.id}`, stock);
  }
}

function toggle<T>(set: Set<T>, item: T, on: boolean): void {
  if (on) set.add(item);
  else set.delete(item);
}
