import type { PaymentEvent } from '../model/events.ts';
import { checkBic } from '../model/normalize/identifiers.ts';
import { singleLine } from '../model/normalize/text.ts';
import {
  readEvents,
  account,
  country,
  currency,
  headerColumns,
  key,
  positiveAmount,
  text,
  timestamp,
} from './event_table.ts';
import type { Reader, ReaderInput, ReadItem } from './types.ts';

/**
 * Financial transactions CSV (FORMATS.md §4): one payment per row, columns by
 * name in any order, unknown columns kept as the payment's extra metadata.
 * A bad required value (id, time, amount, currency, either account) refuses
 * the payment; a bad optional one (BIC, country) is dropped and reported, the
 * payment kept. An account written as an IBAN must pass its check digits.
 */

const REQUIRED = ['txn_id', 'timestamp', 'amount', 'currency', 'originator_account', 'beneficiary_account'] as const;
const OPTIONAL = [
  'originator_name',
  'originator_bank',
  'originator_country',
  'beneficiary_name',
  'beneficiary_bank',
  'beneficiary_country',
  'purpose',
  'reference',
] as const;

export const transactionsReader: Reader = {
  format: 'transactions',
  description: 'Financial transactions (CSV with header: txn_id, timestamp, amount, currency, accounts, …)',
  isList: false,
  events: true,
  detect(input: ReaderInput): boolean {
    const columns = headerColumns(input);
    return columns.includes('txn_id') && (columns.includes('originator_account') || columns.includes('beneficiary_account'));
  },
  read(input: ReaderInput): AsyncIterable<ReadItem> {
    return readTransactions(input);
  },
};

function readTransactions(input: ReaderInput): AsyncIterable<ReadItem> {
  return readEvents(input, {
    required: REQUIRED,
    known: [...REQUIRED, ...OPTIONAL],
    recordId: (v) => (v ? singleLine(v.raw('txn_id')) : ''),
    build: (v): PaymentEvent => ({
      type: 'payment',
      txn_id: v.required('txn_id', key),
      ts: v.required('timestamp', timestamp),
      amount: v.required('amount', positiveAmount),
      currency: v.required('currency', currency),
      originator_account: v.required('originator_account', account),
      originator_name: v.optional('originator_name', text),
      originator_bank: v.optional('originator_bank', checkBic),
      originator_country: v.optional('originator_country', country),
      beneficiary_account: v.required('beneficiary_account', account),
      beneficiary_name: v.optional('beneficiary_name', text),
      beneficiary_bank: v.optional('beneficiary_bank', checkBic),
      beneficiary_country: v.optional('beneficiary_country', country),
      purpose: v.optional('purpose', text),
      reference: v.optional('reference', key),
      extra: v.extra(),
    }),
  });
}
