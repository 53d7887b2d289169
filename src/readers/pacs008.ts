import { createReadStream } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SextantError } from '../errors.ts';
import type { PaymentEvent } from '../model/events.ts';
import { isCountryCode } from '../model/normalize/countries.ts';
import { checkBic, checkIban, looksLikeIban } from '../model/normalize/identifiers.ts';
import { quote } from '../model/normalize/result.ts';
import { singleLine } from '../model/normalize/text.ts';
import { account, country, currency, isoDate, key, positiveAmount, RecordRefused, text, timestamp, type Check } from './event_table.ts';
import { assertReadable, headText } from './shared.ts';
import type { EventItem, Reader, ReaderInput, ReadItem, RejectItem, ValueIssue } from './types.ts';

/**
 * ISO 20022 pacs.008 (FIToFICustomerCreditTransfer) XML: each credit transfer
 * transaction (`CdtTrfTxInf`) becomes one payment (FORMATS.md §4 columns), or a
 * rejection naming its line and an XPath-like field (`CdtTrfTxInf[3]/IntrBkSttlmAmt`).
 *
 * Input shapes: a bare `<Document>`; a Business Application Header (`AppHdr`,
 * head.001) beside the `Document` inside any wrapping element (or none: the two
 * roots simply concatenated, as some gateways write them); files holding several
 * messages (each `FIToFICstmrCdtTrf` is one message, with or without its
 * `Document`). Element prefixes (`<pacs:Document>`) do not matter; the version
 * is read from the message's namespace `urn:iso:std:iso:20022:tech:xsd:pacs.008.001.NN`
 * (any NN: the elements read here are the same from .001.02 to .001.13; the
 * old `BIC` of agents is read where `BICFI` is absent). A message with no
 * namespace is read too; one in another namespace is refused with its transactions.
 *
 * XML is not required to stream (FORMATS.md's rule is for line formats), but it
 * does here, as the UN list reader does: the file is scanned as bytes, each
 * `AppHdr`, `GrpHdr` and `CdtTrfTxInf` is cut out as text with the line it
 * starts on, then decoded and parsed on its own (fast-xml-parser gives no
 * lines). Memory stays flat whatever the file's size; a single element longer
 * than MAX_ELEMENT_CHARS is refused (its transaction only), not buffered. A
 * malformed transaction rejects only itself; a truncated file yields every
 * complete transaction and one rejection for what is missing.
 *
 * Mapping (the choices, and why):
 * - txn_id: `PmtId/UETR` (lower case; a UUID v4 that stays the same along the
 *   whole payment chain, so the same payment seen by two banks gets one id),
 *   else `PmtId/TxId` (set by the first instructing agent, passed on unchanged),
 *   else `PmtId/EndToEndId` (set by the debtor, the least unique). `NOTPROVIDED`
 *   is no id. The others stay in `extra`; `extra.txn_id_source` names the one used.
 * - ts: `AccptncDtTm` (the transaction's own time); else `GrpHdr/CreDtTm` when
 *   it falls on the settlement date (`IntrBkSttlmDt` of the transaction, else
 *   of the group) or there is none: the same day, told to the second; else the
 *   settlement date, midnight UTC. A message created days before its settlement
 *   date (a warehoused payment) thus keeps the settlement date. A date-time
 *   without UTC offset is dropped (its instant is unknown) and the next source
 *   used. `extra.ts_source` names the source.
 * - amount, currency: `IntrBkSttlmAmt` and its `@Ccy` (the amount that moves
 *   between the banks); `InstdAmt`, `XchgRate` stay in `extra`.
 * - originator_* / beneficiary_*: `Dbtr/Nm`, `DbtrAcct/Id/IBAN` or
 *   `DbtrAcct/Id/Othr/Id`, `DbtrAgt/FinInstnId/BICFI`; the country from
 *   `Dbtr/PstlAdr/Ctry`, else the IBAN's country, else the agent BIC's
 *   country letters (`extra.originator_country_source` says which). Creditor alike.
 * - purpose: `RmtInf/Ustrd` joined (FORMATS.md: purpose is the free-text
 *   remittance information); without it the purpose code `Purp/Cd` (or `Prtry`).
 * - reference: the first `RmtInf/Strd/RfrdDocInf/Nb` (the referred document's
 *   number: the invoice or contract, what FORMATS.md's reference is for, and
 *   what customs declarations carry as invoice_reference), else the first
 *   `RmtInf/Strd/CdtrRefInf/Ref` (the creditor's structured reference, often an
 *   ISO 11649 RF reference).
 * - extra: every other value of the transaction by its path below
 *   `CdtTrfTxInf` (`IntrmyAgt1/FinInstnId/BICFI`, `UltmtDbtr/Nm`, `ChrgBr`,
 *   `Purp/Cd`, …; a repeated element indexed from 1, attributes as `/@Ccy`),
 *   the message's `GrpHdr/…` and `AppHdr/…` values, and `message_definition`
 *   (`pacs.008.001.08`). `SplmtryData` (free-form) is not kept.
 *
 * Checks, as for the transactions CSV: a missing or malformed id, amount,
 * currency, settlement time or either account refuses the transaction (an
 * `IBAN` element must pass its check digits; an `Othr/Id` written as an IBAN
 * too; `DbtrAcct` and `CdtrAcct` are optional in ISO 20022, but a payment is
 * stored between two accounts, so one without either is refused); an agent BIC that is no BIC, a country that is no country, a UETR that
 * is no UUID are dropped and reported, the transaction kept. A message whose
 * `GrpHdr/NbOfTxs` differs from the transactions it holds is reported (one
 * rejection at its `GrpHdr`): the message may be incomplete.
 * A file without a `FIToFICstmrCdtTrf` element is refused as a whole
 * (SextantError 'validation_failed' naming the file): it is not pacs.008.
 */

/** Longest AppHdr, GrpHdr or CdtTrfTxInf read; a pacs.008 transaction is a few KiB. */
export const MAX_ELEMENT_CHARS = 4 * 1024 * 1024;
/** Longest start or end tag (with its attributes). */
const MAX_TAG_CHARS = 64 * 1024;
/** Longest partial token that may straddle two chunks of the stream. */
const TAIL = 64;
/** Most values kept in one payment's `extra`, and the longest kept value. */
const MAX_EXTRA_VALUES = 400;
const MAX_EXTRA_CHARS = 2048;

const NAMESPACE_PREFIX = 'urn:iso:std:iso:20022:tech:xsd:';
const PACS008_NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:(pacs\.008\.001\.\d{2})$/;
/** The message element, with or without a prefix. */
const MESSAGE_TAG = /<(?:[A-Za-z_][\w.-]*:)?FIToFICstmrCdtTrf[\s>/]/;
/** UETR: a UUID version 4, as the schema's pattern has it (lower case; upper case is folded). */
const UETR = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const pacs008Reader: Reader = {
  format: 'pacs008',
  description: 'ISO 20022 pacs.008 FI-to-FI customer credit transfer (XML, .001.02–.001.13, with or without AppHdr)',
  isList: false,
  events: true,
  detect(input: ReaderInput): boolean {
    if (input.isDirectory || !/\.xml$/i.test(input.path)) return false;
    return MESSAGE_TAG.test(headText(input));
  },
  read(input: ReaderInput): AsyncIterable<ReadItem> {
    return readPacs008(input);
  },
};

// ---------------------------------------------------------------------------
// Reading a file

interface MessageContext {
  /** 1-based position of the message in the file. */
  index: number;
  line: number;
  /** `pacs.008.001.08`, or null when the message names no namespace. */
  version: string | null;
  /** In a namespace other than pacs.008's: its transactions are skipped. */
  foreign: boolean;
  /** Prefix of the fields reported for this message: '' for the first, `FIToFICstmrCdtTrf[2]/` for the next. */
  path: string;
  appHdr: Map<string, string>;
  group: GroupHeader | null;
  transactions: number;
}

interface GroupHeader {
  line: number;
  /** Every value, by its path below GrpHdr. */
  values: Map<string, string>;
  msgId: string;
  creDtTm: Picked | undefined;
  intrBkSttlmDt: Picked | undefined;
  nbOfTxs: string;
}

async function* readPacs008(input: ReaderInput): AsyncGenerator<ReadItem> {
  await assertReadable(input);
  const file = input.path;
  refuseUnlessPacs008(input);
  let pendingAppHdr = new Map<string, string>();
  let message: MessageContext | null = null;
  let messages = 0;
  for await (const item of scanFile(file)) {
    switch (item.kind) {
      case 'message': {
        messages++;
        const version = item.namespace === null ? null : (PACS008_NAMESPACE.exec(item.namespace)?.[1] ?? undefined);
        message = {
          index: item.index,
          line: item.line,
          version: version ?? null,
          foreign: version === undefined,
          path: item.index === 1 ? '' : `FIToFICstmrCdtTrf[${item.index}]/`,
          appHdr: pendingAppHdr,
          group: null,
          transactions: 0,
        };
        pendingAppHdr = new Map();
        if (message.foreign) {
          yield {
            kind: 'reject',
            file,
            line: item.line,
            field: `${message.path}FIToFICstmrCdtTrf`,
            reason: `namespace ${quote(item.namespace ?? '')} is not pacs.008 (${NAMESPACE_PREFIX}pacs.008.001.NN): the message's transactions are not read`,
          };
        }
        break;
      }
      case 'element': {
        if (item.name === 'AppHdr') {
          const parsed = parseElement(item.text, item.name, item.line);
          if (!parsed.ok) {
            yield { kind: 'reject', file, line: item.line, field: 'AppHdr', reason: parsed.reason };
            break;
          }
          pendingAppHdr = flatten(parsed.node, ['Sgntr']);
          break;
        }
        if (!message || message.foreign) break;
        if (item.name === 'GrpHdr') {
          const parsed = parseElement(item.text, item.name, item.line);
          if (!parsed.ok) {
            yield { kind: 'reject', file, line: item.line, field: `${message.path}GrpHdr`, reason: parsed.reason };
            break;
          }
          message.group = groupHeader(parsed.node, item.line);
          break;
        }
        message.transactions++;
        yield transaction(file, item.line, item.text, message);
        break;
      }
      case 'too-long':
      case 'unclosed': {
        const why = item.kind === 'too-long' ? `longer than ${MAX_ELEMENT_CHARS} characters: not read` : 'truncated XML: not closed';
        if (item.name === 'AppHdr' || !message || message.foreign) {
          if (item.name === 'AppHdr') yield { kind: 'reject', file, line: item.line, field: 'AppHdr', reason: `<AppHdr> ${why}` };
          break;
        }
        if (item.name === 'GrpHdr') {
          yield { kind: 'reject', file, line: item.line, field: `${message.path}GrpHdr`, reason: `<GrpHdr> ${why}` };
          break;
        }
        message.transactions++;
        const record = guessRecord(item.text);
        yield {
          kind: 'reject',
          file,
          line: item.line,
          field: `${message.path}CdtTrfTxInf[${message.transactions}]`,
          reason: `<CdtTrfTxInf> ${why}`,
          ...(record ? { record } : {}),
        };
        break;
      }
      case 'message-end': {
        if (message && !message.foreign) {
          const problem = countProblem(file, message);
          if (problem) yield problem;
        }
        message = null;
        break;
      }
      case 'truncated': {
        yield {
          kind: 'reject',
          file,
          line: item.line,
          reason: `truncated XML: ${item.open.map((n) => `<${n}>`).join(', ')} not closed; the file may be incomplete`,
        };
        break;
      }
    }
  }
  if (messages === 0) {
    throw new SextantError('validation_failed', `${file}: not an ISO 20022 pacs.008 message: no <FIToFICstmrCdtTrf> element`, { path: file });
  }
}

/** A file whose first bytes hold no FIToFICstmrCdtTrf start tag is not pacs.008: an error naming it, and what it holds. */
function refuseUnlessPacs008(input: ReaderInput): void {
  const head = headText(input);
  if (MESSAGE_TAG.test(head)) return;
  const b = input.head;
  let what: string;
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
    what = 'the file is UTF-16; pacs.008 files are read as UTF-8';
  } else {
    const bare = head.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, '').trimStart();
    const root = /^<([A-Za-z_][\w.:-]*)([^>]*)/.exec(bare);
    if (!root) {
      what = 'the file is not XML';
    } else {
      const qname = root[1]!;
      const prefix = qname.includes(':') ? `:${escapeRegExp(qname.slice(0, qname.indexOf(':')))}` : '';
      const rootNs = new RegExp(`\\sxmlns${prefix}\\s*=\\s*["']([^"']*)["']`).exec(root[2] ?? '')?.[1];
      const iso = new RegExp(`${escapeRegExp(NAMESPACE_PREFIX)}([a-z]{4}\\.\\d{3}\\.\\d{3}\\.\\d{2})`).exec(head)?.[1];
      const inside = iso && !rootNs?.endsWith(iso) ? ` holding an ISO 20022 ${iso} message` : '';
      what = `its root element is <${qname}>${rootNs ? ` in namespace ${rootNs}` : ''}${inside}; no <FIToFICstmrCdtTrf> element`;
    }
  }
  throw new SextantError('validation_failed', `${input.path}: not an ISO 20022 pacs.008 message (FIToFICustomerCreditTransfer): ${what}`, {
    path: input.path,
  });
}

/** The rejection for a message whose GrpHdr/NbOfTxs differs from the transactions it holds. */
function countProblem(file: string, message: MessageContext): RejectItem | null {
  const group = message.group;
  if (!group || !/^\d{1,15}$/.test(group.nbOfTxs)) return null;
  const declared = Number(group.nbOfTxs);
  if (declared === message.transactions) return null;
  return {
    kind: 'reject',
    file,
    line: group.line,
    field: `${message.path}GrpHdr/NbOfTxs`,
    reason: `NbOfTxs says ${declared} transactions, the message holds ${message.transactions} CdtTrfTxInf: it may be incomplete`,
    ...(group.msgId ? { record: group.msgId } : {}),
  };
}

function groupHeader(node: XNode, line: number): GroupHeader {
  return {
    line,
    values: flatten(node, ['NbOfTxs', 'CtrlSum', 'TtlIntrBkSttlmAmt']),
    msgId: pick(node, 'MsgId')?.raw ?? '',
    creDtTm: pick(node, 'CreDtTm'),
    intrBkSttlmDt: pick(node, 'IntrBkSttlmDt'),
    nbOfTxs: pick(node, 'NbOfTxs')?.raw ?? '',
  };
}

// ---------------------------------------------------------------------------
// One transaction

/** The record id a transaction that cannot be parsed is reported under: its UETR, TxId or EndToEndId if they can be seen. */
function guessRecord(xml: string): string | undefined {
  for (const tag of ['UETR', 'TxId', 'EndToEndId']) {
    const m = new RegExp(`<(?:[\\w.-]+:)?${tag}>\\s*([^<\\s]{1,64})\\s*</`).exec(xml);
    if (m && m[1]!.toUpperCase() !== 'NOTPROVIDED') return tag === 'UETR' ? m[1]!.toLowerCase() : m[1];
  }
  return undefined;
}

function transaction(file: string, line: number, xml: string, message: MessageContext): EventItem | RejectItem {
  const path = `${message.path}CdtTrfTxInf[${message.transactions}]`;
  let record = guessRecord(xml) ?? '';
  const parsed = parseElement(xml, 'CdtTrfTxInf', line);
  if (!parsed.ok) return { kind: 'reject', file, line, field: path, reason: parsed.reason, ...(record ? { record } : {}) };
  const tx = new TransactionValues(parsed.node, path, message);
  try {
    const event = tx.payment((id) => (record = id));
    return { kind: 'event', event, file, line, record: event.txn_id, issues: tx.issues };
  } catch (err) {
    if (!(err instanceof RecordRefused)) throw err;
    return { kind: 'reject', file, line, field: err.field, reason: err.reason, ...(record ? { record } : {}) };
  }
}

/** A transaction's values, checked; each value read into a column is taken out of `extra`. */
class TransactionValues {
  readonly issues: ValueIssue[] = [];
  /** Every value by its path below CdtTrfTxInf; what is left becomes `extra`. */
  private readonly rest: Map<string, string>;
  private readonly groupRest: Map<string, string>;
  private readonly derived: Record<string, string> = {};

  constructor(
    private readonly node: XNode,
    /** The transaction's path for reports: `CdtTrfTxInf[3]`. */
    private readonly path: string,
    private readonly message: MessageContext,
  ) {
    this.rest = flatten(node, ['SplmtryData']);
    this.groupRest = new Map(message.group?.values ?? []);
  }

  payment(onId: (id: string) => void): PaymentEvent {
    const txnId = this.txnId();
    onId(txnId);
    const amount = this.pick('IntrBkSttlmAmt');
    if (!amount || amount.raw === '') this.refuse('IntrBkSttlmAmt', 'IntrBkSttlmAmt is required');
    const value = this.required(amount, positiveAmount);
    const ccy = this.pick('IntrBkSttlmAmt', '@Ccy');
    if (!ccy || ccy.raw === '') this.refuse('IntrBkSttlmAmt/@Ccy', 'IntrBkSttlmAmt has no Ccy (currency) attribute');
    const code = this.required(ccy, currency);
    const ts = this.time();
    const debtor = this.party('Dbtr', 'originator');
    const creditor = this.party('Cdtr', 'beneficiary');
    const event: PaymentEvent = {
      type: 'payment',
      txn_id: txnId,
      ts,
      amount: value,
      currency: code,
      originator_account: debtor.account,
      originator_name: debtor.name,
      originator_bank: debtor.bank,
      originator_country: debtor.country,
      beneficiary_account: creditor.account,
      beneficiary_name: creditor.name,
      beneficiary_bank: creditor.bank,
      beneficiary_country: creditor.country,
      purpose: this.purpose(),
      reference: this.reference(),
      extra: null,
    };
    event.extra = this.extra();
    return event;
  }

  // -- values --------------------------------------------------------------

  private pick(...path: string[]): Picked | undefined {
    return pick(this.node, ...path);
  }

  private refuse(field: string, reason: string): never {
    throw new RecordRefused(`${this.path}/${field}`, reason);
  }

  /** A value that must pass its check: the transaction is refused otherwise. */
  private required(value: Picked, check: Check): string {
    this.rest.delete(value.key);
    const result = check(value.raw);
    if (result === null) this.refuse(value.key, `${quote(value.raw)} means "not available"`);
    if (!result.ok) this.refuse(value.key, result.reason);
    return result.value;
  }

  /** A value that may be dropped: null (and an issue) when it fails its check. */
  private optional(value: Picked | undefined, check: Check): string | null {
    if (!value) return null;
    this.rest.delete(value.key);
    if (value.raw === '') return null;
    const result = check(value.raw);
    if (result === null) return null;
    if (!result.ok) {
      this.issues.push({ field: `${this.path}/${value.key}`, reason: result.reason, value: value.raw });
      return null;
    }
    return result.value;
  }

  private txnId(): string {
    const uetr = this.pick('PmtId', 'UETR');
    if (uetr && uetr.raw !== '') {
      const id = uetr.raw.toLowerCase();
      if (UETR.test(id)) {
        this.rest.delete(uetr.key);
        this.derived.txn_id_source = 'PmtId/UETR';
        return id;
      }
      this.issues.push({ field: `${this.path}/${uetr.key}`, reason: `UETR ${quote(uetr.raw)} is not a UUID version 4 (xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx)`, value: uetr.raw });
    }
    for (const tag of ['TxId', 'EndToEndId']) {
      const value = this.pick('PmtId', tag);
      if (!value || value.raw === '' || value.raw.toUpperCase() === 'NOTPROVIDED') continue;
      const result = key(value.raw);
      if (result === null || !result.ok) {
        this.issues.push({ field: `${this.path}/${value.key}`, reason: result ? result.reason : 'not an id', value: value.raw });
        continue;
      }
      this.rest.delete(value.key);
      this.derived.txn_id_source = `PmtId/${tag}`;
      return result.value;
    }
    this.refuse('PmtId', 'no transaction id: PmtId has no usable UETR, TxId or EndToEndId (NOTPROVIDED is none)');
  }

  /** The payment's time; see the module comment for the order of the sources. */
  private time(): string {
    const acceptance = this.pick('AccptncDtTm');
    if (acceptance && acceptance.raw !== '') {
      const at = this.instant(acceptance, acceptance.key);
      if (at) {
        this.rest.delete(acceptance.key);
        this.derived.ts_source = 'AccptncDtTm';
        return at;
      }
    }
    const own = this.pick('IntrBkSttlmDt');
    const group = this.message.group;
    const settlement = own && own.raw !== '' ? { value: own, field: own.key, group: false } : group?.intrBkSttlmDt && group.intrBkSttlmDt.raw !== '' ? { value: group.intrBkSttlmDt, field: `GrpHdr/${group.intrBkSttlmDt.key}`, group: true } : null;
    let settlementDate: string | null = null;
    if (settlement) {
      const result = isoDate(settlement.value.raw);
      // The refusal names the element; a group's date is reported as the message's path.
      if (!result || !result.ok) {
        throw new RecordRefused(settlement.group ? `${this.message.path}${settlement.field}` : `${this.path}/${settlement.field}`, result ? result.reason : 'not a date');
      }
      settlementDate = result.value;
    }
    const created = group?.creDtTm;
    if (created && created.raw !== '') {
      const field = `${this.message.path}GrpHdr/${created.key}`;
      const at = this.instant(created, field, true, settlementDate === null);
      if (at && (settlementDate === null || created.raw.slice(0, 10) === settlementDate)) {
        this.groupRest.delete(created.key);
        this.derived.ts_source = 'GrpHdr/CreDtTm';
        return at;
      }
    }
    if (settlementDate !== null) {
      if (settlement!.group) this.groupRest.delete(settlement!.value.key);
      else this.rest.delete(settlement!.value.key);
      this.derived.ts_source = settlement!.group ? 'GrpHdr/IntrBkSttlmDt' : 'IntrBkSttlmDt';
      return `${settlementDate}T00:00:00.000Z`;
    }
    this.refuse('IntrBkSttlmDt', 'no time for the payment: no usable AccptncDtTm, IntrBkSttlmDt (here or in GrpHdr) or GrpHdr/CreDtTm');
  }

  /**
   * A date-time as UTC. Without an offset it is dropped with an issue (the next
   * source is tried); a value that is no date-time refuses the transaction when
   * `mustParse`, else it too is only dropped.
   */
  private instant(value: Picked, field: string, absolute = false, mustParse = true): string | null {
    const report = absolute ? field : `${this.path}/${field}`;
    const result = timestamp(value.raw);
    if (result && result.ok) return result.value;
    const reason = result ? result.reason : 'not a date and time';
    if (/no UTC offset/.test(reason) || !mustParse) {
      this.issues.push({ field: report, reason, value: value.raw });
      return null;
    }
    throw new RecordRefused(report, reason);
  }

  private party(side: 'Dbtr' | 'Cdtr', column: 'originator' | 'beneficiary'): { account: string; name: string | null; bank: string | null; country: string | null } {
    const name = this.optional(this.pick(side, 'Nm'), text);
    const iban = this.pick(`${side}Acct`, 'Id', 'IBAN');
    const other = this.pick(`${side}Acct`, 'Id', 'Othr', 'Id');
    let accountNumber: string;
    let ibanSource: string | null = null;
    if (iban) {
      this.rest.delete(iban.key);
      const result = checkIban(iban.raw);
      if (!result.ok) this.refuse(iban.key, result.reason);
      accountNumber = result.value;
      ibanSource = iban.key;
    } else if (other && other.raw !== '') {
      accountNumber = this.required(other, account);
      if (looksLikeIban(other.raw)) ibanSource = other.key;
    } else {
      this.refuse(`${side}Acct/Id`, `${side}Acct/Id (IBAN or Othr/Id) is required: a payment is stored between two accounts`);
    }
    const bicValue = this.pick(`${side}Agt`, 'FinInstnId', 'BICFI') ?? this.pick(`${side}Agt`, 'FinInstnId', 'BIC');
    const bank = this.optional(bicValue, checkBic);

    let place = this.optional(this.pick(side, 'PstlAdr', 'Ctry'), country);
    let source = place ? `${side}/PstlAdr/Ctry` : null;
    if (!place && ibanSource) {
      const code = accountNumber.slice(0, 2).toLowerCase();
      if (isCountryCode(code)) [place, source] = [code, `${side}Acct/Id/${ibanSource.endsWith('IBAN') ? 'IBAN' : 'Othr/Id'} (IBAN country)`];
    }
    if (!place && bank) {
      const code = bank.slice(4, 6).toLowerCase();
      if (isCountryCode(code)) [place, source] = [code, `${side}Agt/FinInstnId/${bicValue!.key.endsWith('BICFI') ? 'BICFI' : 'BIC'} (BIC country)`];
    }
    if (source) this.derived[`${column}_country_source`] = source;
    return { account: accountNumber, name, bank, country: place };
  }

  private purpose(): string | null {
    const lines = pickAll(this.node, ['RmtInf', 'Ustrd']).filter((p) => p.raw !== '');
    if (lines.length > 0) {
      for (const l of lines) this.rest.delete(l.key);
      return this.optional({ raw: lines.map((l) => l.raw).join(' '), key: lines[0]!.key }, text);
    }
    const code = this.pick('Purp', 'Cd') ?? this.pick('Purp', 'Prtry');
    return code && code.raw !== '' ? this.optional(code, text) : null;
  }

  private reference(): string | null {
    const ref =
      pickAll(this.node, ['RmtInf', 'Strd', 'RfrdDocInf', 'Nb']).find((p) => p.raw !== '') ??
      pickAll(this.node, ['RmtInf', 'Strd', 'CdtrRefInf', 'Ref']).find((p) => p.raw !== '');
    return this.optional(ref, key);
  }

  /** What no column took: the transaction's other values, its message's, and where the derived columns came from. */
  private extra(): Record<string, string> {
    const out: Record<string, string> = { message_definition: this.message.version ?? 'pacs.008 (no namespace)' };
    let kept = 1;
    let dropped = 0;
    const add = (k: string, v: string): void => {
      if (kept >= MAX_EXTRA_VALUES) {
        dropped++;
        return;
      }
      out[k] = v.length > MAX_EXTRA_CHARS ? `${v.slice(0, MAX_EXTRA_CHARS)}…` : v;
      kept++;
    };
    for (const [k, v] of Object.entries(this.derived)) add(k, v);
    for (const [k, v] of this.rest) add(k, v);
    for (const [k, v] of this.groupRest) add(`GrpHdr/${k}`, v);
    for (const [k, v] of this.message.appHdr) add(`AppHdr/${k}`, v);
    if (dropped > 0) out.extra_truncated = `${dropped} more values not kept`;
    return out;
  }
}

// ---------------------------------------------------------------------------
// Parsed elements

type XNode = Record<string, unknown>;

/** Every element as an array (attributes not): paths read the same whether an element repeats or not. */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  // An object of extra named entities (none: this is XML, not HTML) turns on numeric character
  // references (&#xE9;) without the HTML set, which would cost a third of the parse. The runtime
  // takes an object here; the typings say boolean. A test pins the decoding.
  htmlEntities: {} as unknown as boolean,
  // Callbacks get no path strings: building them for every element costs more than the rest of the parse.
  jPath: false,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One cut-out element (its text as latin1 bytes), decoded, checked and parsed; the reason when it cannot be. */
function parseElement(bytes: string, name: string, line: number): { ok: true; node: XNode } | { ok: false; reason: string } {
  let xml: string;
  try {
    xml = utf8.decode(Buffer.from(bytes, 'latin1'));
  } catch {
    return { ok: false, reason: `invalid UTF-8 in <${name}> (ISO 20022 messages are UTF-8)` };
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { ok: false, reason: `malformed XML at line ${line + Math.max(0, valid.err.line - 1)}: ${valid.err.msg}` };
  try {
    const root = (parser.parse(xml) as XNode)[name];
    const node = Array.isArray(root) ? root[0] : root;
    return { ok: true, node: typeof node === 'object' && node !== null ? (node as XNode) : {} };
  } catch (err) {
    return { ok: false, reason: `malformed XML: ${(err as Error).message}` };
  }
}

/** A value and the path it is reported and kept under (`RmtInf/Ustrd[2]`, `IntrBkSttlmAmt/@Ccy`). */
interface Picked {
  raw: string;
  key: string;
}

function children(node: unknown, name: string): unknown[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [];
  const value = (node as XNode)[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && '#text' in value) return String((value as XNode)['#text'] ?? '');
  return '';
}

/** Every value at a path (each repeated element followed), in document order. */
function pickAll(node: unknown, path: string[], prefix = ''): Picked[] {
  const [head, ...rest] = path;
  if (head === undefined) return [{ raw: singleLine(textOf(node)), key: prefix }];
  if (head.startsWith('@')) {
    if (typeof node !== 'object' || node === null || !(head in node)) return [];
    return [{ raw: singleLine(String((node as XNode)[head] ?? '')), key: `${prefix}/${head}` }];
  }
  const list = children(node, head);
  return list.flatMap((child, i) => pickAll(child, rest, `${prefix ? `${prefix}/` : ''}${head}${list.length > 1 ? `[${i + 1}]` : ''}`));
}

/** The first value at a path. */
function pick(node: unknown, ...path: string[]): Picked | undefined {
  return pickAll(node, path)[0];
}

/** Every non-empty value below a node by its path (repeated elements indexed from 1), except the subtrees named in `skip`. */
function flatten(node: unknown, skip: string[] = [], prefix = '', out = new Map<string, string>(), depth = 0): Map<string, string> {
  if (depth > 40 || out.size > MAX_EXTRA_VALUES * 2) return out;
  if (typeof node === 'string') {
    const v = singleLine(node);
    if (v !== '' && prefix !== '') out.set(prefix, v);
    return out;
  }
  if (typeof node !== 'object' || node === null) return out;
  for (const [name, value] of Object.entries(node as XNode)) {
    if (name === '#text') {
      const v = singleLine(String(value));
      if (v !== '' && prefix !== '') out.set(prefix, v);
    } else if (name.startsWith('@')) {
      if (name.startsWith('@xmlns')) continue;
      const v = singleLine(String(value));
      if (v !== '') out.set(`${prefix}/${name}`, v);
    } else if (!skip.includes(name)) {
      const list = Array.isArray(value) ? value : [value];
      list.forEach((child, i) => flatten(child, [], `${prefix ? `${prefix}/` : ''}${name}${list.length > 1 ? `[${i + 1}]` : ''}`, out, depth + 1));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Cutting the stream into elements

type ElementName = 'AppHdr' | 'GrpHdr' | 'CdtTrfTxInf';

type ScanItem =
  /** A FIToFICstmrCdtTrf starts; its namespace as resolved from the prefixes in scope (null: none). */
  | { kind: 'message'; index: number; line: number; namespace: string | null }
  | { kind: 'message-end'; line: number }
  /** An element cut out whole: its text as latin1 (one char per byte). */
  | { kind: 'element'; name: ElementName; text: string; line: number }
  /** Longer than MAX_ELEMENT_CHARS: skipped to its end tag; `text` is its beginning. */
  | { kind: 'too-long'; name: ElementName; text: string; line: number }
  /** The file ends inside the element. */
  | { kind: 'unclosed'; name: ElementName; text: string; line: number }
  /** The file ends with elements open (outside any element cut out). */
  | { kind: 'truncated'; line: number; open: string[] };

interface Frame {
  qname: string;
  local: string;
  /** Namespace declarations on this element, prefix ('' for the default) → URI. */
  ns: Map<string, string>;
}

const XMLNS = /\sxmlns(?::([\w.-]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
/** The rest of a start tag after '<', attribute values quoted (they may hold '>'). */
const TAG_END = /[^"'>]*(?:(?:"[^"]*"|'[^']*')[^"'>]*)*>/y;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Scan a file for pacs.008 messages and cut out their AppHdr, GrpHdr and
 * CdtTrfTxInf elements. The bytes are read as latin1 (lossless, one char per
 * byte: tags are ASCII, and each element is decoded as UTF-8 on its own). Outside
 * those elements only tags are looked at (to follow the element stack and the
 * namespace declarations); text, comments, CDATA and processing instructions are
 * skipped. Only the element being cut, plus a short tail, is held in memory.
 */
async function* scanFile(file: string): AsyncGenerator<ScanItem> {
  const stream = createReadStream(file, { highWaterMark: 64 * 1024 });
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let buf = '';
  /** Where scanning stands; what lies before it is dropped at the next read. */
  let pos = 0;
  let eof = false;
  /** buf[lineIdx] is on line lineNo (lines are counted forward only, once). */
  let lineIdx = 0;
  let lineNo = 1;
  const lineAt = (i: number): number => {
    for (; lineIdx < i; lineIdx++) if (buf.charCodeAt(lineIdx) === 10) lineNo++;
    return lineNo;
  };
  const more = async (): Promise<boolean> => {
    if (eof) return false;
    const next = await chunks.next();
    if (next.done) {
      eof = true;
      return false;
    }
    lineAt(pos);
    buf = buf.slice(pos) + next.value.toString('latin1');
    lineIdx -= pos;
    pos = 0;
    return true;
  };
  /** The first match of `re` (global) at or after pos + from, reading on as needed; null at the end of the file, 'limit' past `limit` chars from pos. */
  const find = async (re: RegExp, from: number, limit: number): Promise<RegExpExecArray | null | 'limit'> => {
    let rel = from;
    for (;;) {
      re.lastIndex = pos + rel;
      const m = re.exec(buf);
      if (m) return m;
      if (buf.length - pos > limit) return 'limit';
      rel = Math.max(rel, buf.length - pos - TAIL);
      if (!(await more())) return null;
    }
  };
  /** Move pos past the next match of `re` from pos + from, dropping what is skipped; false at the end of the file. */
  const skipPast = async (re: RegExp, from: number): Promise<boolean> => {
    let start = pos + from;
    for (;;) {
      re.lastIndex = start;
      const m = re.exec(buf);
      if (m) {
        pos = m.index + m[0].length;
        return true;
      }
      pos = Math.max(pos, buf.length - TAIL);
      start = pos;
      if (!(await more())) {
        pos = buf.length;
        return false;
      }
    }
  };
  /** The end (exclusive) of the start tag at pos, or null when it has none (not a tag). */
  const tagEnd = async (): Promise<number | null> => {
    for (;;) {
      TAG_END.lastIndex = pos + 1;
      if (TAG_END.exec(buf)) return TAG_END.lastIndex;
      if (buf.length - pos > MAX_TAG_CHARS) return null;
      if (!(await more())) return null;
    }
  };

  const stack: Frame[] = [];
  let message: Frame | null = null;
  let messages = 0;
  let cutOff = false;
  const LT = /</g;
  try {
    for (;;) {
      LT.lastIndex = pos;
      const lt = LT.exec(buf);
      if (!lt) {
        pos = buf.length;
        if (!(await more())) break;
        continue;
      }
      pos = lt.index;
      while (buf.length - pos < 9 && (await more()));
      const opening = buf.slice(pos, pos + 9);
      if (opening.startsWith('<!--')) {
        if (!(await skipPast(/-->/g, 4))) break;
        continue;
      }
      if (opening.startsWith('<![CDATA[')) {
        if (!(await skipPast(/\]\]>/g, 9))) break;
        continue;
      }
      if (opening.startsWith('<?')) {
        if (!(await skipPast(/\?>/g, 2))) break;
        continue;
      }
      if (opening.startsWith('<!')) {
        if (!(await skipPast(/>/g, 2))) break;
        continue;
      }
      if (opening.startsWith('</')) {
        const close = await find(/>/g, 2, MAX_TAG_CHARS);
        if (close === null || close === 'limit') {
          pos += 2;
          continue;
        }
        const qname = buf.slice(pos + 2, close.index).trim();
        const line = lineAt(pos);
        pos = close.index + 1;
        const at = stack.map((f) => f.qname).lastIndexOf(qname);
        if (at >= 0) {
          const closed = stack.splice(at);
          if (message && closed.includes(message)) {
            message = null;
            yield { kind: 'message-end', line };
          }
        }
        continue;
      }
      // '<' not followed by a name is no tag (a broken file): not worth looking for its end.
      const end = /^<[A-Za-z_]/.test(opening) ? await tagEnd() : null;
      if (end === null) {
        pos += 1;
        continue;
      }
      const tag = buf.slice(pos, end);
      const named = /^<([A-Za-z_][^\s/>]*)/.exec(tag);
      if (!named) {
        pos += 1;
        continue;
      }
      const qname = named[1]!;
      const colon = qname.indexOf(':');
      const local = qname.slice(colon + 1);
      const selfClosing = /\/\s*>$/.test(tag);
      const line = lineAt(pos);

      const cut: ElementName | null =
        message === null && local === 'AppHdr'
          ? 'AppHdr'
          : message !== null && stack.at(-1) === message && (local === 'GrpHdr' || local === 'CdtTrfTxInf')
            ? (local as ElementName)
            : null;
      if (cut) {
        if (selfClosing) {
          pos = end;
          yield { kind: 'element', name: cut, text: tag, line };
          continue;
        }
        // The end tag, skipping comments and CDATA sections that might hold one.
        const closeTag = new RegExp(`<!--|<!\\[CDATA\\[|</${escapeRegExp(qname)}\\s*>`, 'g');
        let rel = end - pos;
        let outcome: 'done' | 'limit' | 'eof' = 'eof';
        for (;;) {
          const m = await find(closeTag, rel, MAX_ELEMENT_CHARS);
          if (m === null) break;
          if (m === 'limit') {
            outcome = 'limit';
            break;
          }
          if (m[0] === '<!--' || m[0] === '<![CDATA[') {
            const inner = await find(m[0] === '<!--' ? /-->/g : /\]\]>/g, m.index - pos + m[0].length, MAX_ELEMENT_CHARS);
            if (inner === null) break;
            if (inner === 'limit') {
              outcome = 'limit';
              break;
            }
            rel = inner.index + inner[0].length - pos;
            continue;
          }
          const stop = m.index + m[0].length;
          // The limit is checked as the text is read, a chunk at a time: the end may arrive with the chunk that passes it.
          if (stop - pos > MAX_ELEMENT_CHARS) {
            yield { kind: 'too-long', name: cut, text: buf.slice(pos, pos + 4096), line };
          } else {
            yield { kind: 'element', name: cut, text: buf.slice(pos, stop), line };
          }
          pos = stop;
          outcome = 'done';
          break;
        }
        if (outcome === 'done') continue;
        if (outcome === 'limit') {
          yield { kind: 'too-long', name: cut, text: buf.slice(pos, pos + 4096), line };
          if (!(await skipPast(new RegExp(`</${escapeRegExp(qname)}\\s*>`, 'g'), 0))) {
            cutOff = true;
            break;
          }
          continue;
        }
        yield { kind: 'unclosed', name: cut, text: buf.slice(pos), line };
        pos = buf.length;
        cutOff = true;
        break;
      }

      pos = end;
      const ns = new Map<string, string>();
      for (const d of tag.matchAll(XMLNS)) ns.set(d[1] ?? '', d[2] ?? d[3] ?? '');
      const frame: Frame = { qname, local, ns };
      if (!selfClosing) stack.push(frame);
      if (local === 'FIToFICstmrCdtTrf' && message === null) {
        const prefix = colon >= 0 ? qname.slice(0, colon) : '';
        const scope = selfClosing ? [...stack, frame] : stack;
        let namespace: string | null = null;
        for (let i = scope.length - 1; i >= 0 && namespace === null; i--) namespace = scope[i]!.ns.get(prefix) ?? null;
        messages++;
        yield { kind: 'message', index: messages, line, namespace: namespace === '' ? null : namespace };
        if (selfClosing) yield { kind: 'message-end', line };
        else message = frame;
      }
    }
    if (!cutOff && stack.length > 0) yield { kind: 'truncated', line: lineAt(buf.length), open: stack.map((f) => f.qname) };
  } finally {
    stream.destroy();
  }
}
