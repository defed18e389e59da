// The agent's requests (agent_platform.hpp): calls on the CA and on the DNS hosting, timers, the
// Status and validation values shown to the customer, refusals, notices and log lines — and what
// the order records keep of each.
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <string_view>

#include <fmt/format.h>

#include "agent_platform.hpp"
#include "messages.hpp"

namespace casim::agent {

using mockca::Status;
using mockca::TraceKind;
using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 7> kCustomerRequests{"place", "submit", "cancel", "resubmit", "reissue", "revoke", "renew"};

// The report's word for a refused action, as the built-in platform names them.
std::string action_word(std::string_view action) {
  static const std::map<std::string_view, std::string_view> kWords{
      {"CheckCertificateDomainVerification", "check domain verification"},
      {"CompleteCertificate", "validate now"},
      {"CancelAuditCertificate", "cancel"},
      {"ModifyCertificateResubmit", "resubmit"},
      {"ReplaceCertificate", "reissue"},
      {"RevokeCertificate", "revoke"},
      {"DownloadCertificate", "download"},
      {"DescribeCertificateDetail", "describe"},
      {"CreateCertificate", "create"},
      {"CertificateInfoSubmit", "submit information"},
      {"CertificateOrderSubmit", "submit"}};
  const auto found = kWords.find(action);
  return std::string(found != kWords.end() ? found->second : action);
}

std::optional<order::OrderEvent> event_named(const std::optional<std::string>& name) {
  if (!name) return std::nullopt;
  for (int i = 0; i < order::kOrderEventCount; ++i) {
    const auto event = static_cast<order::OrderEvent>(i);
    if (order::event_name(event) == *name) return event;
  }
  throw ProtocolError(fmt::format("\"event\" \"{}\" is not an event of the transition table (docs/agent-protocol.md "
                                  "lists them)",
                                  name->substr(0, 40)));
}

std::optional<order::OrderOrigin> origin_named(const std::string& name) {
  for (const auto origin : {order::OrderOrigin::Placed, order::OrderOrigin::Renewal, order::OrderOrigin::MultiYear}) {
    if (order::origin_name(origin) == name) return origin;
  }
  return std::nullopt;
}

// `value` as compact JSON, cut at `limit` bytes.
std::string brief(const json& value, std::size_t limit) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > limit) text = text.substr(0, limit) + "…";
  return text;
}

// One trace line for a call: what was asked and what came back, in brief.
std::string call_text(const std::string& action, const json& params, const api::CallAnswer& answer) {
  std::string text = action + " " + brief(params, 160) + " → ";
  if (answer.error) return text + answer.error->code + ": " + answer.error->findings.front().message;
  json response = answer.response.at("Response");
  response.erase("RequestId");
  return text + brief(response, 240);
}

// The fields of a `call` or `dns` request.
struct CallRequest {
  std::string id;
  std::string action;
  json params;
  std::string ref;  // "" when not given
};

CallRequest read_call(const json& request) {
  CallRequest call{string_field(request, "id"), string_field(request, "action"),
                   request.value("params", json::object()), optional_string(request, "ref").value_or("")};
  if (!call.params.is_object()) throw ProtocolError("\"params\" must be an object");
  return call;
}

// The `result` message that answers a call.
json result_message(const std::string& id, const api::CallAnswer& answer, sim::Instant now) {
  return {{"type", "result"}, {"at", sim::format_instant(now)}, {"id", id}, {"Response", answer.response.at("Response")}};
}

}  // namespace

std::optional<json> AgentPlatform::handle(const json& request) {
  const std::string op = request.at("op").get<std::string>();
  if (ending_ && op != "yield") throw ProtocolError(fmt::format("\"{}\" after bye: the run is over, only a yield", op));
  if (op == "yield") {
    if (const auto until = optional_instant(request, "until")) set_timer("", *until);
    return std::nullopt;
  }
  if (op == "call") return call(request);
  if (op == "dns") return dns(request);
  if (op == "timer") {
    timer(request);
  } else if (op == "status") {
    status(request);
  } else if (op == "show_customer") {
    show_customer(request);
  } else if (op == "refuse") {
    refuse(request);
  } else if (op == "notice") {
    notice(request);
  } else if (op == "log") {
    trace(optional_string(request, "ref").value_or(""), TraceKind::AgentLog, std::nullopt, std::nullopt,
          string_field(request, "text"));
  } else {
    throw ProtocolError(fmt::format("unknown op \"{}\" (expected call, dns, timer, status, show_customer, refuse, "
                                    "notice, log or yield)",
                                    op.substr(0, 40)));
  }
  return std::nullopt;
}

json AgentPlatform::call(const json& request) {
  const auto [id, action, params, ref] = read_call(request);
  std::optional<std::size_t> buying;
  if (action == "CreateCertificate" && !ref.empty()) buying = order_to_buy(request, ref);
  const api::CallAnswer answer = api_.call(action, params, id, {ref});
  if (buying && !answer.error) {
    by_certificate_[answer.certificate_id] = *buying;
    created(*buying);
  }
  after_call(action, params, answer);
  trace(!answer.order_ref.empty() ? answer.order_ref : ref, TraceKind::AgentCall, std::nullopt,
        answer.error ? std::optional(answer.error->reason()) : std::nullopt, call_text(action, params, answer));
  return result_message(id, answer, context_.kernel.now());
}

std::size_t AgentPlatform::order_to_buy(const json& request, const std::string& ref) {
  const std::string origin_text = optional_string(request, "origin").value_or("placed");
  const std::optional<order::OrderOrigin> origin = origin_named(origin_text);
  if (!origin) throw ProtocolError(fmt::format("\"origin\" must be placed, renewal or multi-year, got \"{}\"", origin_text));
  const auto known = by_ref_.find(ref);
  if (*origin == order::OrderOrigin::Placed) {
    if (known == by_ref_.end()) {
      throw ProtocolError(fmt::format("CreateCertificate for \"{}\": the customer placed no order of that ref (an order "
                                      "the platform makes itself needs \"origin\" and \"parent\")",
                                      ref));
    }
    if (!orders_[known->second].result.history.empty()) {
      throw ProtocolError(fmt::format("CreateCertificate for \"{}\", which was bought already", ref));
    }
    return known->second;
  }
  if (known != by_ref_.end()) throw ProtocolError(fmt::format("CreateCertificate for \"{}\": the ref is taken", ref));
  const std::string parent = string_field(request, "parent");
  if (!by_ref_.contains(parent)) throw ProtocolError(fmt::format("\"parent\" \"{}\" is no order of this run", parent));
  const long long cycle = optional_integer(request, "cycle").value_or(1);
  if (cycle < 1 || cycle > 100) throw ProtocolError("\"cycle\" must be from 1 to 100");
  return create(ref, *origin, parent, static_cast<int>(cycle));
}

void AgentPlatform::after_call(const std::string& action, const json& params, const api::CallAnswer& answer) {
  const auto certificate = by_certificate_.find(answer.certificate_id);
  std::optional<std::size_t> index;
  if (certificate != by_certificate_.end()) index = certificate->second;
  if (action == "ReplaceCertificate" && answer.receipt) {
    const auto original = by_certificate_.find(params.value("CertificateId", std::string()));
    const Order& from = orders_[original->second];
    index = create(answer.order_ref, order::OrderOrigin::Reissue, from.result.ref, from.result.cycle);
    by_certificate_[answer.certificate_id] = *index;
    created(*index);
    accepted(*index, *answer.receipt);
    return;
  }
  if (!answer.error) {
    if (!index) return;
    Order& order = orders_[*index];
    if (action == "CertificateOrderSubmit" && answer.receipt) accepted(*index, *answer.receipt);
    if (action == "DownloadCertificate" && answer.bundle) {
      order.sha256 = order::sha256_fingerprint(answer.bundle->certificate_pem);
      order.files = answer.bundle;
    }
    if (action == "ModifyCertificateResubmit") order.result.record_resubmission(context_.kernel.now());
    return;
  }
  const mockca::ApiError& error = *answer.error;
  const bool intake = mockca::info(error.reason()).category != mockca::ReasonCategory::Api;
  if (action == "CertificateOrderSubmit" && index && intake) {
    Order& order = orders_[*index];
    order.rejected = true;
    for (const auto& finding : error.findings) {
      auto& reasons = order.result.reasons;
      if (std::find(reasons.begin(), reasons.end(), finding.reason) == reasons.end()) reasons.push_back(finding.reason);
    }
    order.result.error_code = error.code;
    trace(order.result.ref, TraceKind::Rejected, std::nullopt, error.reason(),
          error.findings.front().message + "; error " + error.code);
    return;
  }
  record_refusal(action_word(action), index, error);
}

void AgentPlatform::record_refusal(const std::string& action, std::optional<std::size_t> index,
                                   const mockca::ApiError& error) {
  if (!index) return;
  Order& order = orders_[*index];
  order.result.refusals.push_back(
      {context_.kernel.now(), action, error.reason(), error.code, error.findings.front().message});
}

json AgentPlatform::dns(const json& request) {
  const auto [id, action, params, ref] = read_call(request);
  const api::CallAnswer answer = dns_.call(action, params, id);
  const bool changed = !answer.error && (action == "CreateRecord" || action == "DeleteRecord");
  trace(ref, changed ? (action == "CreateRecord" ? TraceKind::DnsAutoRecordAdded : TraceKind::DnsAutoRecordRemoved)
                     : TraceKind::AgentCall,
        std::nullopt, answer.error ? std::optional(answer.error->reason()) : std::nullopt,
        call_text(action, params, answer));
  return result_message(id, answer, context_.kernel.now());
}

void AgentPlatform::timer(const json& request) {
  const std::string id = string_field(request, "id");
  const json& cancel = request.contains("cancel") ? request.at("cancel") : json();
  if (!cancel.is_null()) {
    if (!cancel.is_boolean() || !cancel.get<bool>()) throw ProtocolError("\"cancel\" must be true when given");
    if (const auto found = timers_.find(id); found != timers_.end()) {
      context_.kernel.cancel(found->second);
      timers_.erase(found);
    }
    return;
  }
  const std::optional<sim::Instant> at = optional_instant(request, "at");
  const std::optional<double> after = optional_number(request, "after");
  if (at.has_value() == after.has_value()) throw ProtocolError("a timer needs exactly one of \"at\" and \"after\"");
  if (after && (!std::isfinite(*after) || *after < 0 || *after > 1e10)) {
    throw ProtocolError(fmt::format("\"after\" must be a number of seconds from 0 to 1e10, got {}", *after));
  }
  set_timer(id, at ? *at : context_.kernel.now() + sim::Duration(std::llround(*after * 1e6)));
}

void AgentPlatform::set_timer(const std::string& id, sim::Instant at) {
  const sim::Instant now = context_.kernel.now();
  if (at < now) {
    throw order::RunAborted(mockca::Reason::AgentTimerInPast,
                            fmt::format("timer \"{}\" asked for {}, before the simulated now {}", id,
                                        sim::format_instant(at), sim::format_instant(now)));
  }
  if (const auto found = timers_.find(id); found != timers_.end()) context_.kernel.cancel(found->second);
  timers_[id] = context_.kernel.schedule_at(at, [this, id]() {
    timers_.erase(id);
    turn({{"type", "timer"}, {"id", id}});
  });
}

void AgentPlatform::status(const json& request) {
  const std::size_t index = index_named(request);
  Order& order = orders_[index];
  const std::optional<long long> code = optional_integer(request, "Status");
  if (!code) throw ProtocolError("\"Status\" is required");
  const std::optional<Status> status = mockca::status_from_code(static_cast<int>(*code));
  if (!status) throw ProtocolError(fmt::format("\"Status\" must be a reseller Status from 0 to 15, got {}", *code));
  const std::string msg_text = optional_string(request, "StatusMsg").value_or("");
  const std::optional<mockca::StatusMsg> msg = mockca::status_msg_from_text(msg_text);
  if (!msg) throw ProtocolError(fmt::format("\"StatusMsg\" \"{}\" is not one the CA reports", msg_text.substr(0, 40)));
  const std::optional<order::OrderEvent> event = event_named(optional_string(request, "event"));
  const Status from = order.result.status;
  if (*status == from && *msg == order.status_msg) return;
  const std::optional<mockca::OrderDescription> described = describe(order);
  std::string text;
  if ((*status == Status::ReviewFailed || *status == Status::Cancelled) && described) text = described->status_text;
  order.result.status = *status;
  order.status_msg = *msg;
  order.result.history.push_back({context_.kernel.now(), *status, *msg, text, event});
  if (status_listener_) status_listener_(index, order.result.history.back());
  trace(order.result.ref, *status != from ? TraceKind::StatusChanged : TraceKind::CaProgress,
        *status != from ? std::optional(*status) : std::nullopt, std::nullopt,
        fmt::format("shown: {} {}{}", mockca::code(*status), mockca::status_msg_text(*msg),
                    event ? " (" + std::string(order::event_name(*event)) + ")" : ""));
  if (*status == from) return;
  if ((*status == Status::ReviewFailed || *status == Status::Cancelled) && described) {
    order.result.reasons = described->reasons;
  }
  if (*status == Status::Issued && mockca::under_review(from)) {
    if (described && described->certificate) {
      order.result.certificate = order::summary_of(*described->certificate, order.result.level);
    }
    to_tell_.emplace_back(Tell::Issued, index);
  }
  if (*status == Status::ReviewFailed) to_tell_.emplace_back(Tell::Failed, index);
  if (*status == Status::Revoked && order.result.certificate) order.result.certificate->revoked_at = context_.kernel.now();
  check_final_status(order, described);
}

void AgentPlatform::check_final_status(const Order& order, const std::optional<mockca::OrderDescription>& described) {
  const Status shown = order.result.status;
  const bool final = shown == Status::Issued || shown == Status::ReviewFailed || shown == Status::Cancelled ||
                     shown == Status::Revoked;
  if (!final || (described && described->status == shown)) return;
  const std::string ca = described ? fmt::format("Status {} ({})", mockca::code(described->status),
                                                 mockca::status_name(described->status))
                                   : std::string("no order at the CA");
  context_.warnings.add({context_.kernel.now(), mockca::Reason::AgentStatusContradicted,
                         fmt::format("{}: the platform showed Status {} ({}) while the CA's order has {}",
                                     order.result.ref, mockca::code(shown), mockca::status_name(shown), ca)});
}

void AgentPlatform::show_customer(const json& request) {
  const std::size_t index = index_named(request);
  Order& order = orders_[index];
  const json& entries = request.contains("DvAuths") ? request.at("DvAuths") : json();
  if (!entries.is_array()) throw ProtocolError("\"DvAuths\" must be a list of DvAuths entries");
  std::vector<mockca::DomainChallenge> shown;
  std::string detail;
  for (const json& entry : entries) {
    auto challenge = api::challenge_from_json(entry);
    if (!challenge) throw ProtocolError("a DvAuths entry: " + challenge.error().findings.front().message);
    detail += (detail.empty() ? "" : "; ") + challenge.value().domain + " " + challenge.value().value;
    shown.push_back(std::move(challenge.value()));
  }
  order.shown = std::move(shown);
  trace(order.result.ref, TraceKind::CustomerShown, std::nullopt, std::nullopt, detail.empty() ? "nothing" : detail);
  if (!order.result.ca_order_id.empty() && order.accepted_turn != turns_) {
    to_tell_.emplace_back(Tell::ValidationStarted, index);
  }
}

void AgentPlatform::refuse(const json& request) {
  Order& order = orders_[index_named(request)];
  const std::string what = string_field(request, "request");
  if (std::find(kCustomerRequests.begin(), kCustomerRequests.end(), what) == kCustomerRequests.end()) {
    throw ProtocolError(fmt::format("\"request\" must be place, submit, cancel, resubmit, reissue, revoke or renew, got \"{}\"",
                                    what.substr(0, 40)));
  }
  const std::string code = string_field(request, "code");
  const std::string reason_code = string_field(request, "reason");
  const std::optional<mockca::Reason> reason = mockca::reason_from_code(reason_code);
  if (!reason) throw ProtocolError(fmt::format("\"reason\" \"{}\" is not a catalogue code", reason_code.substr(0, 60)));
  const std::string message = optional_string(request, "message").value_or("");
  if (what == "submit") {
    order.rejected = true;
    if (std::find(order.result.reasons.begin(), order.result.reasons.end(), *reason) == order.result.reasons.end()) {
      order.result.reasons.push_back(*reason);
    }
    order.result.error_code = code;
    trace(order.result.ref, TraceKind::Rejected, std::nullopt, *reason, message + "; error " + code);
    return;
  }
  order.result.refusals.push_back({context_.kernel.now(), what, *reason, code, message});
  trace(order.result.ref, TraceKind::Refused, std::nullopt, *reason, what + ": " + code + ": " + message);
}

void AgentPlatform::notice(const json& request) {
  Order& order = orders_[index_named(request)];
  const std::string kind = string_field(request, "kind");
  if (kind != "expiry") throw ProtocolError(fmt::format("\"kind\" must be expiry, got \"{}\"", kind.substr(0, 40)));
  const std::optional<long long> days = optional_integer(request, "days");
  order.result.expiry_notices.push_back(context_.kernel.now());
  trace(order.result.ref, TraceKind::ExpiryNotice, std::nullopt, std::nullopt,
        days ? fmt::format("expires in {} day(s)", *days) : std::string("expiry notice"));
}

std::size_t AgentPlatform::index_named(const json& request) const {
  const std::string ref = string_field(request, "ref");
  const auto found = by_ref_.find(ref);
  if (found == by_ref_.end()) throw ProtocolError(fmt::format("\"ref\" \"{}\" is no order of this run", ref.substr(0, 60)));
  return found->second;
}

}  // namespace casim::agent
