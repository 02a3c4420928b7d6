/**
 * The JSON the sandbox answers, as types: the API's (as the spec shows it, plus
 * the sandbox extensions marked below) and the control API's. The server
 * builds these and control-client.ts returns them, so both stay in step.
 */
import type { SandboxConfig } from './config.ts';
import type { FaultSpec } from './faults.ts';
import type { LogEntry } from './request-log.ts';
import type { OrderStatus } from './store.ts';

export interface ErrorJson {
  error: string;
}

export interface BalanceJson {
  balance: number;
  currency: 'USD';
}

export interface ServiceJson {
  id: string;
  name: string;
  domain: string;
}

export interface CountryJson {
  id: number;
  name: string;
}

export interface CountryOfferJson extends CountryJson {
  flag: string;
  price: number;
  stock: number;
  currency: 'USD';
  /** Sandbox extension: values accepted as `operator` by POST /buy. */
  operators: string[];
}

export interface BuyJson {
  order_id: string;
  number: string;
  cost: number;
  /** Always "pending", as in the spec; GET /sms calls the same state "waiting". */
  status: 'pending';
  poll_url: string;
}

export interface OrderSmsJson {
  code?: string;
  full_sms: string;
  at: string;
}

export interface SmsStatusJson {
  order_id: string;
  status: OrderStatus;
  /** Of the newest SMS. */
  code?: string;
  full_sms?: string;
  number: string;
  /** Sandbox extension: every SMS of the order, newest first. */
  sms: OrderSmsJson[];
}

export interface CancelJson {
  ok: true;
  order_id: string;
  refunded: number;
}

export interface OrderJson {
  order_id: string;
  service: string;
  country: number;
  number: string;
  cost: number;
  status: OrderStatus;
  code?: string;
  full_sms?: string;
  created_at: string;
}

export interface OrdersPageJson {
  orders: OrderJson[];
  total: number;
  limit: number;
  offset: number;
}

export interface RentalServiceJson {
  service: string;
  name: string;
}

export interface RentalPricesJson {
  service: string;
  durations: Array<{ duration: string; days: number; price: number }>;
}

export interface RentalCreatedJson {
  rental_id: string;
  number: string;
  days: number;
  cost: number;
  ends_at: string;
  inbox_url: string;
}

export interface RentalJson {
  rental_id: string;
  service: string;
  number: string;
  days: number;
  cost: number;
  created_at: string;
  ends_at: string;
  status: 'active' | 'ended';
}

export interface RentalSmsJson {
  from: string;
  body: string;
  code?: string;
  at: string;
}

export interface RentalInboxJson {
  rental_id: string;
  messages: RentalSmsJson[];
}

// ---- Control API

export interface StateOrderJson extends OrderJson {
  operator: string;
  expires_at: string;
  /** When auto-delivery sends this order's SMS if it is on and not held; null once the order has an SMS or ended. */
  auto_deliver_at: string | null;
  /** Newest first. */
  sms: OrderSmsJson[];
}

export interface StateRentalJson extends RentalJson {
  /** Newest first. */
  messages: RentalSmsJson[];
}

export interface ChargeJson {
  kind: 'buy' | 'rental';
  /** The order_id or rental_id. */
  id: string;
  amount: number;
  at: string;
}

export interface RefundJson {
  order_id: string;
  amount: number;
  reason: 'cancel' | 'expired';
  at: string;
}

/** Everything about one key. Lists are in the order things happened (oldest first). */
export interface StateJson {
  key_hint: string;
  balance: number;
  orders: StateOrderJson[];
  rentals: StateRentalJson[];
  charges: ChargeJson[];
  refunds: RefundJson[];
}

export interface KeyJson {
  key: string;
  balance: number;
}

export interface OrderDeliveredJson {
  order_id: string;
  /** The order's status after the delivery: "received". */
  status: OrderStatus;
  /** In delivery order (oldest first). */
  delivered: OrderSmsJson[];
}

export interface RentalDeliveredJson {
  rental_id: string;
  /** In delivery order (oldest first). */
  delivered: RentalSmsJson[];
}

export interface HoldsJson {
  /** `keys` are key hints (first 8 characters), `orders` order ids. */
  holds: { global: boolean; keys: string[]; orders: string[] };
}

export type ConfigJson = SandboxConfig;

export interface FaultsJson {
  faults: Array<FaultSpec & { remaining: number }>;
}

export interface LogJson {
  requests: LogEntry[];
}

export interface OkJson {
  ok: true;
}
