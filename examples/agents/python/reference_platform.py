#!/usr/bin/env python3
"""reference_platform.py — casim's built-in ordering logic, as an external agent.

Run it with

    casim run --agent "python3 examples/agents/python/reference_platform.py" scenarios/

and casim drives it over JSON lines on stdin/stdout (docs/agent-protocol.md, protocol 1). It does
exactly what the built-in platform does (src/order/src/platform.cpp and platform_actions.cpp), step
for step and in the same order, so the bundled scenarios give the same report with it as without
it. Use it as the starting point of your own platform: change a rule, run the suite, and see what
your change does to the reports.

Python 3.11, standard library only.

How it is laid out, top to bottom:

  * time        instants as integer microseconds since the epoch (casim keeps microseconds)
  * rules       the transition table of a reseller order and its refusals (src/order/src/transition.cpp)
  * transport   reading events, writing requests, one `result` per `call` / `dns`
  * Order       what the platform keeps per order
  * Platform    one run: the customer's requests, the CA's updates, timers

Order of steps matters. casim runs same-instant events in the order they were scheduled, so this
agent asks for its timers in the same order the built-in platform schedules its kernel events, and
sends its `status` messages in the same order the built-in applies its transitions.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import sys
from dataclasses import dataclass, field
from typing import Any, Optional

PROTOCOL = 1

# ------------------------------------------------------------------------------------------------
# Time: casim sends ISO 8601 instants in UTC ("2026-03-02T01:00:00Z", with ".ffffff" when there is a
# fraction). We keep them as integer microseconds since the epoch so that sums are exact, and send
# timers as instants ("at"), never as floating-point seconds.
# ------------------------------------------------------------------------------------------------

_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
_MICRO = _dt.timedelta(microseconds=1)
SECOND = 1_000_000
DAY = 86_400 * SECOND


def parse_instant(text: str) -> int:
    """'2026-03-02T01:00:00Z' or '2026-03-02T01:00:00.250000Z' -> microseconds since the epoch."""
    if not isinstance(text, str) or not text.endswith("Z"):
        raise ProtocolError(f"not a UTC instant: {text!r}")
    when = _dt.datetime.fromisoformat(text[:-1]).replace(tzinfo=_dt.timezone.utc)
    return (when - _EPOCH) // _MICRO


def format_instant(micros: int) -> str:
    """Microseconds since the epoch -> casim's form (sim::format_instant): fraction only if any."""
    when = _EPOCH + _dt.timedelta(microseconds=micros)
    text = when.strftime("%Y-%m-%dT%H:%M:%S")
    if when.microsecond:
        text += f".{when.microsecond:06d}"
    return text + "Z"


def seconds_to_micros(seconds: float) -> int:
    """A protocol duration (seconds, fractions allowed) -> microseconds."""
    return int(round(float(seconds) * SECOND))


def llround(value: float) -> int:
    """C's llround: to the nearest integer, halves away from zero (Python's round() rounds halves
    to even: 2.5 -> 2, where llround gives 3)."""
    magnitude = abs(value)
    whole = math.floor(magnitude)
    if magnitude - whole >= 0.5:  # exact: both are doubles of the same magnitude
        whole += 1
    return int(math.copysign(whole, value))


# ------------------------------------------------------------------------------------------------
# Rules: the reseller's Status codes, the one transition table and its refusals.
# ------------------------------------------------------------------------------------------------

UNDER_REVIEW, ISSUED, REVIEW_FAILED, EXPIRED, DNS_AUTO_RECORD_ADDED, PENDING_SUBMISSION = 0, 1, 2, 3, 4, 5
CANCELLING, CANCELLED, REVOKING, REVOKED, REISSUING = 6, 7, 9, 10, 11

# What the customer reads next to each Status (mockca::status_name), used in refusal texts.
STATUS_NAMES = {
    0: "under review", 1: "issued", 2: "review failed", 3: "expired",
    4: "DNS record added automatically", 5: "pending submission", 6: "cancelling",
    7: "cancelled", 8: "confirmation letter pending", 9: "revoking", 10: "revoked",
    11: "reissuing", 12: "revocation letter pending", 13: "free certificate pending submission",
    14: "refunded", 15: "migrating",
}


def under_review(status: int) -> bool:
    """0, or 4 (DNS_AUTO record added): the statuses domain validation runs in."""
    return status in (UNDER_REVIEW, DNS_AUTO_RECORD_ADDED)


# Events, named as the protocol's `status.event` names them.
SUBMIT_INFORMATION = "submit information"
DNS_AUTO_RECORD_ADDED_EVENT = "dns auto record added"
CA_PROGRESS = "ca progress"
DOMAIN_VALIDATED = "domain validated"
VALIDATE_NOW = "validate now"
CA_ISSUED = "ca issued"
CA_FAILED = "ca failed"
CANCEL_REQUESTED = "cancel requested"
CA_CANCELLED = "ca cancelled"
RESUBMIT = "resubmit"
DOWNLOAD = "download"
REISSUE_REQUESTED = "reissue requested"
REISSUE_ENDED = "reissue ended"
REVOKE_REQUESTED = "revoke requested"
CA_REVOKED = "ca revoked"
EXPIRE = "expire"
RENEW = "renew"

# (from Status, event) -> to Status. Anything not listed is refused.
TRANSITIONS = {
    (5, SUBMIT_INFORMATION): 0,
    (0, DNS_AUTO_RECORD_ADDED_EVENT): 4,
    (0, CA_PROGRESS): 0,
    (4, CA_PROGRESS): 4,
    (6, CA_PROGRESS): 6,  # a progress report the CA queued before a cancel it has not reported yet
    (0, DOMAIN_VALIDATED): 0,
    (4, DOMAIN_VALIDATED): 0,  # DNS_AUTO records done with
    (0, VALIDATE_NOW): 0,
    (4, VALIDATE_NOW): 4,
    (0, CA_ISSUED): 1,
    (4, CA_ISSUED): 1,
    (0, CA_FAILED): 2,
    (4, CA_FAILED): 2,
    (0, CANCEL_REQUESTED): 6,
    (4, CANCEL_REQUESTED): 6,
    (6, CA_CANCELLED): 7,
    (2, RESUBMIT): 0,
    (7, RESUBMIT): 0,
    (1, DOWNLOAD): 1,
    (11, DOWNLOAD): 11,
    (1, REISSUE_REQUESTED): 11,
    (11, REISSUE_ENDED): 1,
    (1, REVOKE_REQUESTED): 9,
    (9, CA_REVOKED): 10,
    (1, EXPIRE): 3,
    (1, RENEW): 1,
}

# Why an event is refused in a status that cannot take it: (catalogue reason, reseller error code).
# The catalogue is mockca/include/casim/mockca/reason.hpp; a reason without a reseller code of its
# own answers "FailedOperation".
REFUSALS = {
    SUBMIT_INFORMATION: ("OrderStatusNotAllowSubmit", "FailedOperation.InvalidCertificateStatusCode"),
    VALIDATE_NOW: ("OrderStatusNotAllowVerify", "FailedOperation.CertificateStatusNotAllowVerify"),
    CANCEL_REQUESTED: ("OrderNotCancellable", "FailedOperation.CertificateNotFoundOrCantCancel"),
    RESUBMIT: ("OrderStatusNotAllowResubmit", "FailedOperation.CertificateStatusNotAllowResubmit"),
    DOWNLOAD: ("OrderStatusNotAllowDownload", "FailedOperation.CertificateStatusNotAllowDownload"),
    REISSUE_REQUESTED: ("OrderStatusNotAllowReissue", "FailedOperation"),
    REVOKE_REQUESTED: ("OrderNotRevocable", "FailedOperation.RevokeFailed"),
    RENEW: ("OrderRenewalNotAllowed", "FailedOperation.InvalidCertificateStatusCode"),
}
ALREADY_REPLACED = ("OrderAlreadyReplaced", "FailedOperation.OrderAlreadyReplaced")
CANCEL_FAILED_MULTI = ("OrderCancelFailedMulti", "FailedOperation.CertificateCancelFailedMulti")
RENEWAL_OUTSIDE_WINDOW = ("OrderRenewalOutsideWindow", "FailedOperation")
UNEXPECTED_EVENT = "OrderUnexpectedEvent"


def transition(status: int, event: str) -> Optional[int]:
    """The Status `event` leads to from `status`, or None when the status cannot take it."""
    return TRANSITIONS.get((status, event))


def refusal(status: int, event: str) -> tuple[str, str]:
    """(reason, error code) of refusing `event` in `status`."""
    if event == REISSUE_REQUESTED and status == REISSUING:
        return ALREADY_REPLACED
    return REFUSALS.get(event, (UNEXPECTED_EVENT, "FailedOperation"))


# CheckCertificateDomainVerification's values.
LOCAL_CHECK_VERIFIED = 1
CA_CHECK_PASSED = 2
RATE_LIMITED_REASON = "DcvRateLimited"  # "too frequent, try again in 5 minutes"

# ------------------------------------------------------------------------------------------------
# Transport: one JSON object per line. stdout carries protocol lines only; logs go to stderr.
# ------------------------------------------------------------------------------------------------


class ProtocolError(Exception):
    """casim sent something this agent cannot make sense of: we stop (exit 1)."""


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def send(message: dict) -> None:
    sys.stdout.write(json.dumps(message, ensure_ascii=False, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def receive() -> Optional[dict]:
    """The next message from casim; None when casim closed our stdin."""
    while True:
        line = sys.stdin.readline()
        if not line:
            return None
        if line.strip():
            break
    try:
        message = json.loads(line)
    except json.JSONDecodeError as error:
        raise ProtocolError(f"not JSON: {error}: {line[:200]!r}") from None
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        raise ProtocolError(f"not a message with a type: {line[:200]!r}")
    if "at" not in message:
        raise ProtocolError(f"{message['type']} without 'at'")
    return message


# ------------------------------------------------------------------------------------------------
# What the platform keeps per order.
# ------------------------------------------------------------------------------------------------


@dataclass
class Order:
    ref: str
    form: dict  # the order form the customer filled in (`place`); successors share their root's
    origin: str = "placed"  # placed, reissue, renewal, multi-year
    parent: str = ""  # the order it reissues, renews or follows
    cycle: int = 1  # which certificate of a multi-year plan
    root: str = ""  # the ref of the plan's first order (multi-year names: <root>/2, <root>/3, …)
    verify_type: str = "DNS"
    cert_id: str = ""  # the CA's CertificateId
    status: int = PENDING_SUBMISSION
    status_msg: str = ""  # the CA's last StatusMsg, as shown
    accepted: bool = False  # the CA accepted the submission (the built-in's by_ca_id_)
    challenges: list = field(default_factory=list)  # DvAuths, as last described
    auto_records: list = field(default_factory=list)  # DNS_AUTO records added: {Domain, RecordId}
    domain_validation: str = "not started"  # the CA's DomainValidation, as last reported
    polling: bool = False  # a poll timer is pending
    poll_interval: int = 0  # microseconds until the poll after next
    replaced: bool = False  # a reissue of this order's certificate was issued
    not_before: Optional[int] = None  # the issued certificate's validity
    not_after: Optional[int] = None
    coverage_end: int = 0  # multi-year: until when the plan's certificates must cover

    @property
    def years(self) -> int:
        """The plan's years (TimeSpan); more than 1 is a multi-year plan."""
        return int(self.form.get("TimeSpan", 1))

    @property
    def polling_policy(self) -> dict:
        return self.form.get("polling") or {}

    @property
    def delete_dns_auto_record(self) -> bool:
        return bool(self.form.get("DeleteDnsAutoRecord", True))


# ------------------------------------------------------------------------------------------------
# One run of the platform.
# ------------------------------------------------------------------------------------------------


class Platform:
    """The reseller's ordering logic for one run (from `hello` to `bye`)."""

    def __init__(self, hello: dict):
        settings = hello.get("platform") or {}
        self.expiry_notice_days: list[int] = [int(d) for d in settings.get("expiry_notice_days", [30, 7, 1])]
        self.renewal_window = seconds_to_micros(settings.get("renewal_window", 30 * 86_400))
        self.multi_year_lead = seconds_to_micros(settings.get("multi_year_lead", 30 * 86_400))
        self.orders: dict[str, Order] = {}
        self.now = parse_instant(hello["at"])
        self.next_id = 0

    # --- requests ---------------------------------------------------------------------------------

    def _request(self, message: dict) -> dict:
        """Sends a `call` or `dns` and returns the `Response` of its `result`."""
        self.next_id += 1
        message["id"] = str(self.next_id)
        send(message)
        answer = receive()
        if answer is None:
            raise ProtocolError(f"stdin closed while waiting for the result of request {message['id']}")
        if answer.get("type") != "result" or answer.get("id") != message["id"]:
            raise ProtocolError(f"expected the result of request {message['id']}, got {answer.get('type')!r}")
        response = answer.get("Response")
        if not isinstance(response, dict):
            raise ProtocolError(f"result {message['id']} without a Response object")
        return response

    def call(self, action: str, params: dict, **extra: Any) -> dict:
        """An action on the CA (docs/reseller-api.md). `extra`: ref, origin, parent, cycle."""
        return self._request({"op": "call", "action": action, "params": params, **extra})

    def dns(self, ref: str, action: str, params: dict) -> dict:
        """A record on the platform's own DNS hosting (DNS_AUTO)."""
        return self._request({"op": "dns", "ref": ref, "action": action, "params": params})

    def timer_at(self, timer_id: str, at: int) -> None:
        send({"op": "timer", "id": timer_id, "at": format_instant(at)})

    def timer_after(self, timer_id: str, delay: int) -> None:
        self.timer_at(timer_id, self.now + delay)

    def cancel_timer(self, timer_id: str) -> None:
        send({"op": "timer", "id": timer_id, "cancel": True})

    def trace(self, order: Order, text: str) -> None:
        send({"op": "log", "ref": order.ref, "text": text})

    def warn(self, order: Order, text: str) -> None:
        """The built-in platform makes these run warnings; an agent can only log them."""
        log(f"warning: {order.ref}: {text}")
        self.trace(order, "warning: " + text)

    # --- the Status the customer sees ---------------------------------------------------------------

    def apply(self, order: Order, event: str, status_msg: str) -> bool:
        """Offers `event` to the order's Status. Shows the new Status (and StatusMsg) when either
        changes; an event the Status cannot take is a casim bug (the built-in warns)."""
        before = order.status
        after = transition(before, event)
        if after is None:
            self.warn(order, f"{event} in status {before} ({STATUS_NAMES[before]})")
            return False
        order.status = after
        msg_changed = status_msg != order.status_msg
        order.status_msg = status_msg
        if after != before or msg_changed:
            send({"op": "status", "ref": order.ref, "Status": after, "StatusMsg": status_msg, "event": event})
        return True

    def allowed(self, order: Order, event: str, request: str) -> bool:
        """Whether the order's Status can take `event` now; refuses the customer's request if not."""
        if transition(order.status, event) is not None:
            return True
        reason, code = refusal(order.status, event)
        self.refuse(order, request, reason, code,
                    f"{request} in status {order.status} ({STATUS_NAMES[order.status]})")
        return False

    def refuse(self, order: Order, request: str, reason: str, code: str, message: str) -> None:
        send({"op": "refuse", "ref": order.ref, "request": request, "code": code, "reason": reason,
              "message": message})

    def show_customer(self, order: Order) -> None:
        send({"op": "show_customer", "ref": order.ref, "DvAuths": order.challenges})

    # --- events -----------------------------------------------------------------------------------

    def handle(self, event: dict) -> None:
        self.now = parse_instant(event["at"])
        kind = event["type"]
        if kind == "customer":
            self.on_customer(event)
        elif kind == "ca_update":
            self.on_ca_update(event)
        elif kind == "timer":
            self.on_timer(event["id"])
        else:
            raise ProtocolError(f"unexpected event type {kind!r}")

    def order_of(self, event: dict) -> Order:
        ref = event.get("ref")
        if ref not in self.orders:
            raise ProtocolError(f"{event['type']} for an order this platform does not know: {ref!r}")
        return self.orders[ref]

    def on_customer(self, event: dict) -> None:
        request = event.get("request")
        if request == "place":
            self.place(event["ref"], event["order"])
            return
        order = self.order_of(event)
        if request == "submit":
            self.submit(order)
        elif request == "cancel":
            self.cancel(order)
        elif request == "resubmit":
            self.resubmit(order, event.get("organization"))
        elif request == "reissue":
            self.reissue(order, event.get("replace") or {})
        elif request == "revoke":
            self.revoke(order, event.get("Reason"))
        elif request == "renew":
            self.renew(order)
        else:
            raise ProtocolError(f"unknown customer request {request!r}")

    def on_timer(self, timer_id: str) -> None:
        # Our timer ids: "<what>:<ref>" (notices: "notice:<n>:<days>:<ref>").
        what, _, rest = timer_id.partition(":")
        if what == "notice":
            _, days, ref = rest.split(":", 2)
            self.notify_expiry(self.orders[ref], int(days))
            return
        order = self.orders.get(rest)
        if order is None:
            raise ProtocolError(f"timer {timer_id!r} names no order")
        if what == "poll":
            self.poll(order)
        elif what == "submit":
            self.submit(order)
        elif what == "expire":
            self.expire(order)
        elif what == "cycle":
            self.next_cycle(order)
        else:
            raise ProtocolError(f"a timer this agent never set: {timer_id!r}")

    # --- buying and submitting ----------------------------------------------------------------------

    def create(self, ref: str, form: dict, origin: str, parent: str, cycle: int, verify_type: str) -> Order:
        if ref in self.orders:
            raise ProtocolError(f"order {ref} exists already")
        order = Order(ref=ref, form=form, origin=origin, parent=parent, cycle=cycle, root=ref,
                      verify_type=verify_type)
        self.orders[ref] = order
        return order

    def buy(self, order: Order, **how: Any) -> None:
        """CreateCertificate. casim records the order's Status 5 (pending submission) itself."""
        form = order.form
        response = self.call("CreateCertificate",
                             {"ProductId": form["ProductId"], "DomainNum": form["DomainNum"],
                              "TimeSpan": form["TimeSpan"]},
                             ref=order.ref, **how)
        if "Error" in response:
            raise ProtocolError(f"CreateCertificate for {order.ref} failed: {response['Error']}")
        order.cert_id = response["CertificateIds"][0]

    def place(self, ref: str, form: dict) -> None:
        """The customer buys an order."""
        order = self.create(ref, form, "placed", "", 1, form.get("VerifyType", "DNS"))
        self.buy(order)

    def place_and_submit(self, order: Order) -> None:
        """The platform's own orders (renewals, multi-year successors): bought now, submitted by a
        timer at the same instant (the built-in schedules the submission with zero delay)."""
        how = {"origin": order.origin, "parent": order.parent}
        if order.origin == "multi-year":
            how["cycle"] = order.cycle
        self.buy(order, **how)
        send({"op": "timer", "id": f"submit:{order.ref}", "after": 0})

    def submit(self, order: Order) -> None:
        """CertificateInfoSubmit + CertificateOrderSubmit with the order form's information."""
        if not self.allowed(order, SUBMIT_INFORMATION, "submit"):
            return
        form = order.form
        info = self.call("CertificateInfoSubmit", {**form["info"], "CertId": order.cert_id})
        if "Error" in info:
            return  # casim records the order as rejected, with the CA's reasons
        submitted = self.call("CertificateOrderSubmit",
                              {"CertId": order.cert_id, "VerifyType": order.verify_type,
                               "DeleteDnsAutoRecord": order.delete_dns_auto_record})
        if "Error" in submitted:
            return  # rejected, as above
        self.accept(order)

    def accept(self, order: Order) -> None:
        """The CA accepted the order: under review; DNS_AUTO records; the values shown (casim tells
        the customer, who publishes them, once this turn is over)."""
        order.accepted = True
        self.apply(order, SUBMIT_INFORMATION, "")
        described = self.describe(order)
        if described is not None:
            order.challenges = dv_auths(described)
        if order.verify_type == "DNS_AUTO":
            self.add_auto_records(order)
        self.show_customer(order)

    def describe(self, order: Order) -> Optional[dict]:
        response = self.call("DescribeCertificateDetail", {"CertificateId": order.cert_id})
        return None if "Error" in response else response

    # --- DNS_AUTO: the platform's own DNS hosting -------------------------------------------------

    def add_auto_records(self, order: Order) -> None:
        for auth in order.challenges:
            if auth.get("Reused") or not auth.get("DvAuthSubDomain"):
                continue  # validated earlier (nothing to publish), or not a DNS challenge
            added = self.dns(order.ref, "CreateRecord",
                             {"Domain": auth["DvAuthDomain"], "SubDomain": auth["DvAuthKey"],
                              "RecordType": auth.get("DvAuthVerifyType") or "TXT",
                              "Value": auth["DvAuthValue"]})
            if "Error" in added:
                log(f"{order.ref}: CreateRecord failed: {added['Error']}")
                continue
            order.auto_records.append({"Domain": auth["DvAuthDomain"], "RecordId": added["RecordId"]})
        if not order.auto_records:
            return
        self.apply(order, DNS_AUTO_RECORD_ADDED_EVENT, order.status_msg)

    def remove_auto_records(self, order: Order) -> None:
        for record in order.auto_records:
            removed = self.dns(order.ref, "DeleteRecord", dict(record))
            if "Error" in removed:
                log(f"{order.ref}: DeleteRecord failed: {removed['Error']}")
        order.auto_records = []

    # --- the CA's updates ---------------------------------------------------------------------------

    def on_ca_update(self, update: dict) -> None:
        order = self.order_of(update)
        if not order.accepted:
            return  # not an order the CA accepted from us
        was = order.domain_validation
        now_validation = update.get("DomainValidation", "not started")
        order.domain_validation = now_validation
        if now_validation == "in progress" and was != "in progress":
            # Validation (re)starts: names reused at submission may need validating after all (their
            # data expired before signing), with values the customer has not seen yet.
            described = self.describe(order)
            if described is not None:
                order.challenges = dv_auths(described)
            self.show_customer(order)
        status = order.status
        ca_status = update["Status"]
        if ca_status == UNDER_REVIEW:
            validated = now_validation == "passed" and was != "passed"
            if validated and under_review(status):
                if status == DNS_AUTO_RECORD_ADDED and order.delete_dns_auto_record:
                    self.remove_auto_records(order)
                self.apply(order, DOMAIN_VALIDATED, update.get("StatusMsg", ""))
            elif update.get("StatusMsg", "") != order.status_msg:
                self.apply(order, CA_PROGRESS, update.get("StatusMsg", ""))
            # DNS_AUTO: while the CA's domain validation is to come (again, after a resubmission or
            # when validation data expired before signing), the platform's records are in place.
            if (order.verify_type == "DNS_AUTO" and order.status == UNDER_REVIEW
                    and not order.auto_records and now_validation != "passed"):
                self.add_auto_records(order)
            if now_validation == "in progress" and not order.polling and under_review(order.status):
                self.start_polling(order)
        elif ca_status == ISSUED:
            if status == REISSUING:
                self.apply(order, REISSUE_ENDED, "")
            elif status not in (ISSUED, REVOKING) and self.apply(order, CA_ISSUED, ""):
                self.on_issued(order)
        elif ca_status == REVIEW_FAILED:
            if status != REVIEW_FAILED and self.apply(order, CA_FAILED, ""):
                self.on_final(order)  # casim tells the customer, who may resubmit
        elif ca_status == CANCELLED:
            if status != CANCELLED and self.apply(order, CA_CANCELLED, ""):
                self.on_final(order)
        elif ca_status == REVOKED:
            if status != REVOKED:
                self.apply(order, CA_REVOKED, "")
        elif ca_status == REISSUING:
            if status != REISSUING:
                self.warn(order, "the CA reports a reissue the platform did not ask for")
        else:
            self.warn(order, f"the CA reports status {ca_status}")

    def on_final(self, order: Order) -> None:
        """The order's review is over: stop polling; remove DNS_AUTO records (an issued order keeps
        them unless DeleteDnsAutoRecord)."""
        if order.polling:
            self.cancel_timer(f"poll:{order.ref}")
            order.polling = False
        if order.status != ISSUED or order.delete_dns_auto_record:
            self.remove_auto_records(order)

    def on_issued(self, order: Order) -> None:
        """Read the certificate, download it, and set what follows: expiry notices, expiry, and for a
        multi-year plan the next certificate."""
        self.on_final(order)
        described = self.describe(order)
        facts = certificate_facts(described) if described is not None else None
        if facts is None:
            self.warn(order, "issued, but the CA describes no certificate")
            return
        not_before, not_after, signed = facts
        if signed and self.allowed(order, DOWNLOAD, "download"):
            downloaded = self.call("DownloadCertificate", {"CertificateId": order.cert_id})
            if "Error" not in downloaded:  # casim records a failed download as a refusal
                self.apply(order, DOWNLOAD, "")
        order.not_before, order.not_after = not_before, not_after
        if order.origin == "reissue" and order.parent in self.orders:
            self.orders[order.parent].replaced = True
        expiry = not_after + SECOND  # notAfter is the last second covered
        for n, days in enumerate(self.expiry_notice_days):
            at = expiry - days * DAY
            if at >= self.now:
                self.timer_at(f"notice:{n}:{days}:{order.ref}", at)
        self.timer_at(f"expire:{order.ref}", max(self.now, expiry))
        # (casim tells the customer of the issuance once this turn is over; the customer may then
        # reissue, revoke or renew.)
        plan_order = order.origin in ("placed", "multi-year")
        if plan_order and order.years > 1:
            if order.cycle == 1:
                order.coverage_end = not_before + DAY * 365 * order.years
            if not_after < order.coverage_end:
                at = max(self.now, expiry - self.multi_year_lead)
                self.timer_at(f"cycle:{order.ref}", at)
                self.trace(order, f"the plan covers until {format_instant(order.coverage_end)}; "
                                  f"certificate {order.cycle + 1} ordered at {format_instant(at)}")

    # --- polling and "validate now" ---------------------------------------------------------------

    def start_polling(self, order: Order) -> None:
        policy = order.polling_policy
        order.polling = True
        order.poll_interval = seconds_to_micros(policy.get("interval", 600))
        self.timer_after(f"poll:{order.ref}", seconds_to_micros(policy.get("first_poll", 300)))

    def next_interval(self, order: Order, current: int) -> int:
        """current × backoff, at most max_interval, at least 1 s (PollingPolicy::next_interval)."""
        policy = order.polling_policy
        scaled = float(current) * float(policy.get("backoff", 1.5))
        capped = min(scaled, float(seconds_to_micros(policy.get("max_interval", 14_400))))
        return max(llround(capped), SECOND)

    def poll(self, order: Order) -> None:
        policy = order.polling_policy
        poll_id = f"poll:{order.ref}"
        retry = seconds_to_micros(policy.get("rate_limited_retry", 300))
        if not under_review(order.status) or order.domain_validation != "in progress":
            order.polling = False
            return
        checked = self.call("CheckCertificateDomainVerification", {"CertificateId": order.cert_id})
        if "Error" in checked:  # casim records the refusal
            order.polling = False
            return
        results = checked.get("VerificationResults") or []
        if any(result.get("Frequently") for result in results):
            self.timer_after(poll_id, retry)  # "too frequent": try again later
            return
        pending = False
        ready = True
        for result in results:
            if result.get("CaCheck") == CA_CHECK_PASSED:
                continue
            pending = True
            if result.get("LocalCheck") != LOCAL_CHECK_VERIFIED:
                ready = False
        if (pending and ready and policy.get("validate_now", True)
                and self.allowed(order, VALIDATE_NOW, "validate now")):
            asked = self.call("CompleteCertificate", {"CertificateId": order.cert_id})
            if "Error" not in asked:
                self.apply(order, VALIDATE_NOW, order.status_msg)
            elif RATE_LIMITED_REASON in (asked["Error"].get("Reasons") or []):
                self.timer_after(poll_id, retry)  # casim records the refusal; poll again later
                return
            else:
                order.polling = False  # casim records the refusal; polling stops
                return
        self.timer_after(poll_id, order.poll_interval)
        order.poll_interval = self.next_interval(order, order.poll_interval)

    # --- the customer's other requests ------------------------------------------------------------

    def cancel(self, order: Order) -> None:
        if order.years > 1 and order.cycle > 1:
            reason, code = CANCEL_FAILED_MULTI
            self.refuse(order, "cancel", reason, code,
                        f"certificate {order.cycle} of a {order.years}-year plan")
            return
        if not self.allowed(order, CANCEL_REQUESTED, "cancel"):
            return
        done = self.call("CancelAuditCertificate", {"CertificateId": order.cert_id})
        if "Error" in done:
            return  # casim records the refusal
        self.apply(order, CANCEL_REQUESTED, order.status_msg)

    def resubmit(self, order: Order, organization: Optional[dict]) -> None:
        if not self.allowed(order, RESUBMIT, "resubmit"):
            return
        params = {"CertificateId": order.cert_id}
        if organization:
            params.update(organization)  # the corrected Org* fields
        done = self.call("ModifyCertificateResubmit", params)
        if "Error" in done:
            return  # casim records the refusal
        self.apply(order, RESUBMIT, "")

    def reissue(self, order: Order, replace: dict) -> None:
        if order.replaced:
            reason, code = ALREADY_REPLACED
            self.refuse(order, "reissue", reason, code, "the certificate was reissued already")
            return
        if not self.allowed(order, REISSUE_REQUESTED, "reissue"):
            return
        ref = order.ref + "/reissue"
        replaced = self.call("ReplaceCertificate", {**replace, "CertificateId": order.cert_id}, ref=ref)
        if "Error" in replaced:
            return  # casim records the refusal
        self.apply(order, REISSUE_REQUESTED, "")
        # casim created the reissue's order (Status 5); the CA accepted it already. Its method is
        # the one the customer asked for (ValidType), else the original's.
        verify_type = replace.get("ValidType") or order.verify_type
        child = self.create(ref, order.form, "reissue", order.ref, order.cycle, verify_type)
        child.cert_id = replaced["CertificateId"]
        self.accept(child)

    def revoke(self, order: Order, reason: Any) -> None:
        if not self.allowed(order, REVOKE_REQUESTED, "revoke"):
            return
        params = {"CertificateId": order.cert_id}
        if reason is not None:
            params["Reason"] = reason  # the RFC 5280 name, as the customer gave it
        done = self.call("RevokeCertificate", params)
        if "Error" in done:
            return  # casim records the refusal
        self.apply(order, REVOKE_REQUESTED, "")

    def renew(self, order: Order) -> None:
        if order.not_after is not None:
            opens = order.not_after + SECOND - self.renewal_window  # from the certificate's expiry
            if self.now < opens:
                reason, code = RENEWAL_OUTSIDE_WINDOW
                self.refuse(order, "renew", reason, code, f"renewal opens at {format_instant(opens)}")
                return
        if not self.allowed(order, RENEW, "renew"):
            return
        ref = order.ref + "/renewal"
        self.apply(order, RENEW, "")
        child = self.create(ref, order.form, "renewal", order.ref, 1, order.verify_type)
        self.place_and_submit(child)

    # --- what happens with time -------------------------------------------------------------------

    def next_cycle(self, order: Order) -> None:
        """A multi-year plan's next certificate, ordered `multi_year_lead` before this one expires."""
        cycle = order.cycle + 1
        child = self.create(f"{order.root}/{cycle}", order.form, "multi-year", order.ref, cycle,
                            order.verify_type)
        child.root = order.root
        child.coverage_end = order.coverage_end
        self.place_and_submit(child)

    def expire(self, order: Order) -> None:
        if order.status == ISSUED:
            self.apply(order, EXPIRE, "")

    def notify_expiry(self, order: Order, days: int) -> None:
        if order.status != ISSUED or order.replaced:
            return
        send({"op": "notice", "ref": order.ref, "kind": "expiry", "days": days})


# ------------------------------------------------------------------------------------------------
# Reading DescribeCertificateDetail.
# ------------------------------------------------------------------------------------------------


def dv_auths(described: dict) -> list:
    """The values to publish (DvAuthDetail.DvAuths), as the CA describes them."""
    detail = described.get("DvAuthDetail") or {}
    return list(detail.get("DvAuths") or [])


def certificate_facts(described: dict) -> Optional[tuple[int, int, bool]]:
    """(notBefore, notAfter, signed) of the certificate the CA describes; None when there is none.

    CertBeginTime / CertEndTime are whole seconds in the reseller's time (UTC+8), while the CA may
    issue at an instant with a fraction of a second; casim's extension `CasimDetail` carries the
    exact instants (NotBefore, NotAfter) and whether the certificate was signed (Signed: timing-only
    runs sign nothing, and there is nothing to download then)."""
    extra = described.get("CasimDetail") or {}
    begin, end = extra.get("NotBefore"), extra.get("NotAfter")
    if not (begin and end):
        return None
    return parse_instant(begin), parse_instant(end), bool(extra.get("Signed"))


# ------------------------------------------------------------------------------------------------
# The main loop: every event opens a turn; we answer with requests and end it with one `yield`.
# ------------------------------------------------------------------------------------------------


def main() -> int:
    platform: Optional[Platform] = None
    while True:
        event = receive()
        if event is None:
            return 0  # casim closed our stdin: no more runs
        kind = event["type"]
        if kind == "hello":
            if event.get("protocol") != PROTOCOL:
                log(f"reference_platform speaks agent protocol {PROTOCOL}, not {event.get('protocol')!r}")
                return 2
            platform = Platform(event)
        elif kind == "bye":
            platform = None  # forget everything about the run
        elif platform is None:
            raise ProtocolError(f"{kind} outside a run (before hello or after bye)")
        else:
            platform.handle(event)
        send({"op": "yield"})


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ProtocolError as error:
        log(f"reference_platform: {error}")
        sys.exit(1)
    except (KeyError, ValueError, TypeError) as error:
        log(f"reference_platform: a message casim sent lacks what this agent needs: {error!r}")
        raise
