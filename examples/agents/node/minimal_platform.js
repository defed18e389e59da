#!/usr/bin/env node
// minimal_platform.js — a small reseller platform for `casim run --agent "node minimal_platform.js"`.
//
// Written from docs/agent-protocol.md, docs/agent-protocol.schema.json and docs/reseller-api.md
// alone. Node.js 20, no npm packages.
//
// What it does, per order (a `ref` the customer names):
//   place     -> CreateCertificate; the order is shown as Status 5 (pending submission)
//   submit    -> CertificateInfoSubmit + CertificateOrderSubmit; Status 0; DescribeCertificateDetail;
//                for DNS_AUTO publish the records on the platform's DNS (Status 4); show the values
//   ca_update -> mirror the CA's Status / StatusMsg to the customer; show the values again when
//                the CA's domain validation (re)starts; download the certificate once issued
//   timer     -> poll CheckCertificateDomainVerification; CompleteCertificate ("validate now")
//                once every local check passes; back off between polls
//   cancel, resubmit, revoke -> passed to the CA; refused with the CA's error if the call fails
//   reissue, renew -> refused: this minimal platform does not offer them (see onCustomer).
//   expiry    -> a timer at notAfter shows Status 3 (the CA sends no update for it)
// It sends no expiry notices and orders no multi-year successors.

'use strict';

const readline = require('node:readline');

// ---------------------------------------------------------------------------------------------
// Transport: one JSON object per line on stdin/stdout. stdout carries protocol lines only; all
// logging goes to stderr (casim keeps it in the run's transcript).
// ---------------------------------------------------------------------------------------------

function send(msg) {
  // On Linux, writes to a pipe are synchronous in Node, so each line is flushed as written.
  process.stdout.write(JSON.stringify(msg) + '\n');
}

function log(...args) {
  process.stderr.write(args.map(String).join(' ') + '\n');
}

// Incoming lines are queued; `nextMessage()` resolves with the next one. This lets a turn's
// handler be written as straight-line async code that awaits the `result` of each call.
const queue = [];
const waiters = [];
let stdinClosed = false;

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (line) => {
  if (line.trim() === '') return;
  const msg = JSON.parse(line);
  if (waiters.length > 0) waiters.shift()(msg);
  else queue.push(msg);
});
rl.on('close', () => {
  stdinClosed = true;
  while (waiters.length > 0) waiters.shift()(null);
});

function nextMessage() {
  if (queue.length > 0) return Promise.resolve(queue.shift());
  if (stdinClosed) return Promise.resolve(null);
  return new Promise((resolve) => waiters.push(resolve));
}

// ---------------------------------------------------------------------------------------------
// Requests. `call` and `dns` are answered at once by a `result` line, which we read before
// writing anything else. Both resolve with the `Response` envelope: fields on success, or
// `{Error: {Code, Message, Reasons}, RequestId}` on failure.
// ---------------------------------------------------------------------------------------------

let run = null; // everything about the current run; replaced at `hello`, dropped at `bye`

async function request(op, action, params, extra) {
  const id = String(++run.nextId);
  send({ op, id, action, params, ...extra });
  const msg = await nextMessage();
  if (!msg || msg.type !== 'result' || msg.id !== id) {
    throw new Error(`expected the result of request ${id}, got ${JSON.stringify(msg)}`);
  }
  const response = msg.Response || {};
  if (response.Error) {
    log(`${action} failed: ${response.Error.Code}: ${response.Error.Message}`);
  }
  return response;
}

const call = (action, params, extra = {}) => request('call', action, params, extra);
const dns = (ref, action, params) => request('dns', action, params, { ref });

// Show the customer a Status (and StatusMsg); only when it changes, as the protocol asks.
function showStatus(order, status, statusMsg, event) {
  if (order.status === status && order.statusMsg === statusMsg) return;
  order.status = status;
  order.statusMsg = statusMsg;
  const msg = { op: 'status', ref: order.ref, Status: status, StatusMsg: statusMsg };
  if (event) msg.event = event;
  send(msg);
}

// Refuse a customer's request with the CA's error.
function refuseWithError(order, request, error, fallbackMessage) {
  const reasons = (error && error.Reasons) || [];
  send({
    op: 'refuse',
    ref: order.ref,
    request,
    code: (error && error.Code) || 'FailedOperation',
    reason: reasons.length > 0 ? reasons[0] : REFUSED_REASON,
    message: (error && error.Message) || fallbackMessage || `${request} refused`,
  });
}

// The catalogue code given when the CA's error carries no Reasons, and for the requests this
// platform does not offer. `reason` must be a code of casim's catalogue (casim stops an agent that
// sends any other); the docs list no code for "the platform does not offer this", so we use the
// documented one nearest in meaning: ApiInvalidAction, "the action is not one of those" offered.
const REFUSED_REASON = 'ApiInvalidAction';

// ---------------------------------------------------------------------------------------------
// Polling: one timer per order, id `poll:<ref>`.
// ---------------------------------------------------------------------------------------------

const DEFAULT_POLLING = {
  first_poll: 300, interval: 600, backoff: 1.5, max_interval: 14400,
  validate_now: true, rate_limited_retry: 300,
};

function schedulePoll(order, after) {
  order.polling = true;
  send({ op: 'timer', id: `poll:${order.ref}`, after });
}

function stopPolling(order) {
  if (!order.polling) return;
  order.polling = false;
  send({ op: 'timer', id: `poll:${order.ref}`, cancel: true });
}

async function poll(order) {
  order.polling = false; // the timer has fired
  if (order.domainValidation !== 'in progress') return; // nothing left to validate
  const policy = order.policy;
  const response = await call('CheckCertificateDomainVerification', {
    CertificateId: order.certId,
  });
  if (response.Error) {
    // Not waiting for validation any more (the CA's update is on its way): stop.
    return;
  }
  // `Frequently`: we asked again within the CA's local-check interval and nothing was checked.
  if (response.Frequently) {
    schedulePoll(order, policy.rate_limited_retry);
    return;
  }
  // LocalCheck 1 = the platform's own look found the value; anything else is a failure code.
  const checks = response.VerificationResults || [];
  const allPass = checks.length > 0 && checks.every((c) => c.LocalCheck === 1);
  if (allPass && policy.validate_now) {
    const done = await call('CompleteCertificate', { CertificateId: order.certId });
    if (done.Error && /RateLimit/.test(done.Error.Code)) {
      schedulePoll(order, policy.rate_limited_retry); // "once per 5 minutes"
      return;
    }
    // On success the CA's result comes as a ca_update at this same instant (a later turn).
  }
  // Back off: each wait is the previous one × backoff, at most max_interval.
  schedulePoll(order, order.interval);
  order.interval = Math.min(order.interval * policy.backoff, policy.max_interval);
}

// ---------------------------------------------------------------------------------------------
// Validation values: read them from the CA, publish them for DNS_AUTO, show them.
// ---------------------------------------------------------------------------------------------

// `detail`: a DescribeCertificateDetail answer already at hand (else one is asked for).
async function describeAndShow(order, detail) {
  if (!detail) detail = await call('DescribeCertificateDetail', { CertificateId: order.certId });
  if (detail.Error) return;
  const auths = (detail.DvAuthDetail && detail.DvAuthDetail.DvAuths) || [];
  const key = JSON.stringify(auths);
  if (key === order.shownAuths) return; // the customer already sees exactly these values
  order.shownAuths = key;

  if (order.verifyType === 'DNS_AUTO') {
    await removeDnsRecords(order); // values changed: the old records are of no use any more
    for (const auth of auths) {
      if (auth.Reused) continue; // validated earlier within the reuse period: nothing to publish
      const added = await dns(order.ref, 'CreateRecord', {
        Domain: auth.DvAuthDomain,
        SubDomain: auth.DvAuthKey,
        RecordType: auth.DvAuthVerifyType,
        Value: auth.DvAuthValue,
      });
      if (!added.Error) order.dnsRecords.push({ Domain: auth.DvAuthDomain, RecordId: added.RecordId });
    }
    if (order.dnsRecords.length > 0) showStatus(order, 4, order.statusMsg, 'dns auto record added');
  }
  send({ op: 'show_customer', ref: order.ref, DvAuths: auths });
}

async function removeDnsRecords(order) {
  for (const record of order.dnsRecords) await dns(order.ref, 'DeleteRecord', record);
  order.dnsRecords = [];
}

// ---------------------------------------------------------------------------------------------
// The customer's requests.
// ---------------------------------------------------------------------------------------------

async function onCustomer(ev) {
  if (ev.request === 'place') {
    const form = ev.order;
    const order = {
      ref: ev.ref,
      form,
      certId: null,
      status: null,
      statusMsg: '',
      verifyType: form.VerifyType,
      policy: { ...DEFAULT_POLLING, ...(form.polling || {}) },
      interval: 0,
      polling: false,
      shownAuths: null,
      dnsRecords: [],
      domainValidation: 'not started',
    };
    run.orders.set(ev.ref, order);
    const created = await call(
      'CreateCertificate',
      { ProductId: form.ProductId, DomainNum: form.DomainNum, TimeSpan: form.TimeSpan },
      { ref: ev.ref },
    );
    if (created.Error) return; // nothing bought; the customer's submit will be refused
    order.certId = created.CertificateIds[0];
    showStatus(order, 5, '');
    return;
  }

  const order = run.orders.get(ev.ref);
  if (!order) {
    log(`customer request for an unknown order ${ev.ref}`);
    return;
  }

  switch (ev.request) {
    case 'submit': {
      if (!order.certId) {
        refuseWithError(order, 'submit', null, 'the order could not be bought');
        return;
      }
      const info = await call('CertificateInfoSubmit', {
        CertId: order.certId,
        ...order.form.info,
        VerifyType: order.form.VerifyType,
      });
      if (info.Error) {
        refuseWithError(order, 'submit', info.Error);
        return;
      }
      // Note: CertificateOrderSubmit names the certificate `CertId`, like CertificateInfoSubmit.
      const submitted = await call('CertificateOrderSubmit', {
        CertId: order.certId,
        VerifyType: order.form.VerifyType,
        DeleteDnsAutoRecord: order.form.DeleteDnsAutoRecord,
      });
      if (submitted.Error) {
        refuseWithError(order, 'submit', submitted.Error);
        return;
      }
      // Accepted: under review. The CA's progress (PRE-REVIEWING) is read from the order.
      const detail = await call('DescribeCertificateDetail', { CertificateId: order.certId });
      showStatus(order, 0, (!detail.Error && detail.StatusMsg) || 'PRE-REVIEWING', 'submit information');
      await describeAndShow(order, detail);
      return;
    }

    case 'cancel': {
      const r = await call('CancelAuditCertificate', { CertificateId: order.certId });
      if (r.Error) refuseWithError(order, 'cancel', r.Error);
      else showStatus(order, 6, order.statusMsg, 'cancel requested');
      return;
    }

    case 'resubmit': {
      const params = { CertificateId: order.certId };
      if (ev.organization) Object.assign(params, ev.organization);
      const r = await call('ModifyCertificateResubmit', params);
      if (r.Error) {
        refuseWithError(order, 'resubmit', r.Error);
        return;
      }
      const detail = await call('DescribeCertificateDetail', { CertificateId: order.certId });
      showStatus(order, 0, (!detail.Error && detail.StatusMsg) || '', 'resubmit');
      return;
    }

    case 'revoke': {
      const r = await call('RevokeCertificate', { CertificateId: order.certId, Reason: ev.Reason });
      if (r.Error) refuseWithError(order, 'revoke', r.Error);
      else showStatus(order, 9, order.statusMsg, 'revoke requested');
      return;
    }

    // A minimal platform: it sells and follows one certificate per order, and does not offer
    // reissues or renewals. Both are refused outright; the customer would order anew instead.
    case 'reissue':
    case 'renew':
      send({
        op: 'refuse',
        ref: order.ref,
        request: ev.request,
        code: 'UnsupportedOperation',
        reason: REFUSED_REASON,
        message: `this platform does not offer ${ev.request}`,
      });
      return;

    default:
      log(`unknown customer request ${ev.request}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The CA's updates.
// ---------------------------------------------------------------------------------------------

const FINAL_EVENTS = { 1: 'ca issued', 2: 'ca failed', 7: 'ca cancelled', 10: 'ca revoked' };

// Download the issued files. A timing-only run (the scenario's `issue_certificates: false`) signs
// nothing: DownloadCertificate then fails with OrderCertificateNotSigned, and casim records that as
// a refused download. Nothing in `hello` or DescribeCertificateDetail says which kind of run this
// is, so we learn it from the first failure and stop trying for the rest of the run.
async function download(order) {
  if (run.timingOnly) return;
  const r = await call('DownloadCertificate', { CertificateId: order.certId });
  if (r.Error) {
    if ((r.Error.Reasons || []).includes('OrderCertificateNotSigned')) run.timingOnly = true;
    return;
  }
  order.downloaded = true;
  log(`${order.ref}: downloaded ${Buffer.from(r.Content, 'base64').length} bytes (${r.ContentType})`);
}

// The CA sends no update when a certificate expires: the platform shows Status 3 itself. It reads
// notAfter (CertEndTime, "YYYY-MM-DD HH:MM:SS" in UTC+8) and sets a timer for the second after it.
async function watchExpiry(order) {
  const detail = await call('DescribeCertificateDetail', { CertificateId: order.certId });
  if (detail.Error || !detail.CertEndTime) return;
  const notAfter = new Date(detail.CertEndTime.replace(' ', 'T') + '+08:00');
  const at = new Date(notAfter.getTime() + 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  send({ op: 'timer', id: `expire:${order.ref}`, at });
}

async function onCaUpdate(ev) {
  const order = run.orders.get(ev.ref);
  if (!order) return;
  const previousValidation = order.domainValidation;
  order.domainValidation = ev.DomainValidation;

  if (ev.Status in FINAL_EVENTS) {
    stopPolling(order);
    showStatus(order, ev.Status, ev.StatusMsg, FINAL_EVENTS[ev.Status]);
    if (ev.Status === 1) {
      if (!order.downloaded) await download(order);
      await watchExpiry(order);
    }
    if (ev.Status === 10) send({ op: 'timer', id: `expire:${order.ref}`, cancel: true });
    if (ev.Status !== 10 && order.form.DeleteDnsAutoRecord) await removeDnsRecords(order);
    return;
  }

  if (ev.Status !== 0) return; // 11 (reissuing) and others: nothing this platform follows

  // Under review. Domain validation has just (re)started: show the values again, start polling.
  const validationStarted = ev.DomainValidation === 'in progress' && previousValidation !== 'in progress';
  if (validationStarted) {
    await describeAndShow(order);
    order.interval = order.policy.interval;
    schedulePoll(order, order.policy.first_poll);
  }
  if (ev.DomainValidation !== 'in progress') stopPolling(order);

  const validated = ev.DomainValidation === 'passed' && previousValidation !== 'passed';
  // Status 4 (DNS_AUTO records added) stays shown until the CA has validated the domains.
  if (order.status === 4 && !validated) return;
  showStatus(order, 0, ev.StatusMsg, validated ? 'domain validated' : 'ca progress');
}

// ---------------------------------------------------------------------------------------------
// The main loop: one event opens a turn; the handler writes its requests; we end with `yield`.
// ---------------------------------------------------------------------------------------------

async function main() {
  for (;;) {
    const ev = await nextMessage();
    if (ev === null) return; // casim closed our stdin: we are done
    switch (ev.type) {
      case 'hello':
        if (ev.protocol !== 1) {
          log(`minimal_platform speaks protocol 1, casim asked for ${ev.protocol}`);
          process.exit(2);
        }
        run = { nextId: 0, orders: new Map(), timingOnly: false };
        log(`hello: ${ev.scenario} run ${ev.run}`);
        break;
      case 'bye':
        run = null; // forget everything about the run
        break;
      case 'customer':
        await onCustomer(ev);
        break;
      case 'ca_update':
        await onCaUpdate(ev);
        break;
      case 'timer': {
        // Our timer ids are `<kind>:<ref>`: poll:<ref> and expire:<ref>.
        const [kind, ...rest] = ev.id.split(':');
        const order = run.orders.get(rest.join(':'));
        if (order && kind === 'poll') await poll(order);
        if (order && kind === 'expire' && order.status === 1) showStatus(order, 3, '', 'expire');
        break;
      }
      default:
        log(`ignoring event ${ev.type}`);
    }
    send({ op: 'yield' });
  }
}

main().catch((err) => {
  log(err && err.stack ? err.stack : err);
  process.exit(1);
});
