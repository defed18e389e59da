// The order transition table: every legal transition as the reseller's lifecycle has it, that
// nothing else is legal, and the reseller error codes of refused events.
#include <boost/test/unit_test.hpp>

#include <set>
#include <tuple>

#include "casim/order/transition.hpp"
#include "printers.hpp"

BOOST_AUTO_TEST_SUITE(test_transition)


using namespace casim::order;
using casim::mockca::Reason;
using casim::mockca::Status;
using casim::mockca::kStatusCount;
using casim::mockca::status_from_code;
using casim::mockca::TraceKind;

namespace {

using S = Status;
using E = OrderEvent;

// The lifecycle as written down independently of the table: (from, event, to).
const std::set<std::tuple<int, int, int>>& expected_transitions() {
  static const std::set<std::tuple<int, int, int>> kExpected = [] {
    std::set<std::tuple<int, int, int>> all;
    auto add = [&all](S from, E event, S to) {
      all.emplace(code(from), static_cast<int>(event), code(to));
    };
    add(S::PendingSubmission, E::SubmitInformation, S::UnderReview);
    add(S::FreePendingSubmission, E::SubmitInformation, S::UnderReview);
    add(S::UnderReview, E::DnsAutoRecordAdded, S::DnsAutoRecordAdded);
    add(S::UnderReview, E::CaProgress, S::UnderReview);
    add(S::DnsAutoRecordAdded, E::CaProgress, S::DnsAutoRecordAdded);
    add(S::Cancelling, E::CaProgress, S::Cancelling);
    add(S::UnderReview, E::DomainValidated, S::UnderReview);
    add(S::DnsAutoRecordAdded, E::DomainValidated, S::UnderReview);
    add(S::UnderReview, E::ValidateNow, S::UnderReview);
    add(S::DnsAutoRecordAdded, E::ValidateNow, S::DnsAutoRecordAdded);
    add(S::UnderReview, E::CaIssued, S::Issued);
    add(S::DnsAutoRecordAdded, E::CaIssued, S::Issued);
    add(S::UnderReview, E::CaFailed, S::ReviewFailed);
    add(S::DnsAutoRecordAdded, E::CaFailed, S::ReviewFailed);
    add(S::UnderReview, E::CancelRequested, S::Cancelling);
    add(S::DnsAutoRecordAdded, E::CancelRequested, S::Cancelling);
    add(S::Cancelling, E::CaCancelled, S::Cancelled);
    add(S::ReviewFailed, E::Resubmit, S::UnderReview);
    add(S::Cancelled, E::Resubmit, S::UnderReview);
    add(S::Issued, E::Download, S::Issued);
    add(S::Reissuing, E::Download, S::Reissuing);
    add(S::Issued, E::ReissueRequested, S::Reissuing);
    add(S::Reissuing, E::ReissueEnded, S::Issued);
    add(S::Issued, E::RevokeRequested, S::Revoking);
    add(S::Revoking, E::CaRevoked, S::Revoked);
    add(S::Issued, E::Expire, S::Expired);
    add(S::Issued, E::Renew, S::Issued);
    return all;
  }();
  return kExpected;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_legal_transition_leads_where_the_lifecycle_says) {
  for (const auto& [from, event, to] : expected_transitions()) {
    const TransitionResult result =
        transition(static_cast<Status>(from), static_cast<OrderEvent>(event));
    BOOST_TEST_CONTEXT("status " << from << " × " << event_name(static_cast<OrderEvent>(event))) {
      BOOST_TEST_REQUIRE(result.ok());
      BOOST_TEST(code(*result.to) == to);
      BOOST_TEST(result.error_code().empty());
    }
  }
  BOOST_TEST(transition_table().size() == expected_transitions().size());
}

BOOST_AUTO_TEST_CASE(nothing_else_is_legal) {
  for (int from = 0; from < kStatusCount; ++from) {
    for (int event = 0; event < kOrderEventCount; ++event) {
      const bool legal = std::any_of(
          expected_transitions().begin(), expected_transitions().end(),
          [&](const auto& entry) { return std::get<0>(entry) == from && std::get<1>(entry) == event; });
      const TransitionResult result = transition(static_cast<Status>(from), static_cast<OrderEvent>(event));
      BOOST_TEST_CONTEXT("status " << from << " × " << event_name(static_cast<OrderEvent>(event))) {
        BOOST_TEST(result.ok() == legal);
        BOOST_TEST(result.refusal.has_value() == !legal);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(refused_events_carry_the_resellers_error_codes) {
  struct Case {
    S from;
    E event;
    Reason reason;
    const char* code;
  };
  const Case cases[] = {
      {S::ReviewFailed, E::CancelRequested, Reason::OrderNotCancellable,
       "FailedOperation.CertificateNotFoundOrCantCancel"},
      {S::Issued, E::CancelRequested, Reason::OrderNotCancellable,
       "FailedOperation.CertificateNotFoundOrCantCancel"},
      {S::Issued, E::Resubmit, Reason::OrderStatusNotAllowResubmit,
       "FailedOperation.CertificateStatusNotAllowResubmit"},
      {S::UnderReview, E::Resubmit, Reason::OrderStatusNotAllowResubmit,
       "FailedOperation.CertificateStatusNotAllowResubmit"},
      {S::UnderReview, E::Download, Reason::OrderStatusNotAllowDownload,
       "FailedOperation.CertificateStatusNotAllowDownload"},
      {S::Revoked, E::Download, Reason::OrderStatusNotAllowDownload,
       "FailedOperation.CertificateStatusNotAllowDownload"},
      {S::Reissuing, E::ReissueRequested, Reason::OrderAlreadyReplaced,
       "FailedOperation.OrderAlreadyReplaced"},
      {S::UnderReview, E::RevokeRequested, Reason::OrderNotRevocable, "FailedOperation.RevokeFailed"},
      {S::Revoked, E::RevokeRequested, Reason::OrderNotRevocable, "FailedOperation.RevokeFailed"},
      {S::Issued, E::ValidateNow, Reason::OrderStatusNotAllowVerify,
       "FailedOperation.CertificateStatusNotAllowVerify"},
      {S::UnderReview, E::SubmitInformation, Reason::OrderStatusNotAllowSubmit,
       "FailedOperation.InvalidCertificateStatusCode"},
      {S::Expired, E::Renew, Reason::OrderRenewalNotAllowed,
       "FailedOperation.InvalidCertificateStatusCode"},
      {S::Cancelled, E::CaIssued, Reason::OrderUnexpectedEvent, "FailedOperation"},
  };
  for (const Case& c : cases) {
    const TransitionResult result = transition(c.from, c.event);
    BOOST_TEST_CONTEXT("status " << code(c.from) << " × " << event_name(c.event)) {
      BOOST_TEST_REQUIRE(!result.ok());
      BOOST_TEST(casim::mockca::info(*result.refusal).code == casim::mockca::info(c.reason).code);
      BOOST_TEST(result.error_code() == c.code);
    }
  }
}

BOOST_AUTO_TEST_CASE(statuses_and_events_have_names) {
  BOOST_TEST(status_name(Status::DnsAutoRecordAdded) == "DNS record added automatically");
  BOOST_TEST(status_name(Status::Reissuing) == "reissuing");
  BOOST_TEST(status_from_code(11) == std::optional(Status::Reissuing));
  BOOST_TEST(!status_from_code(16).has_value());
  BOOST_TEST(!status_from_code(-1).has_value());
  std::set<std::string_view> names;
  for (int event = 0; event < kOrderEventCount; ++event) {
    names.insert(event_name(static_cast<OrderEvent>(event)));
  }
  BOOST_TEST(names.size() == static_cast<std::size_t>(kOrderEventCount));
  BOOST_TEST(!names.contains("unknown"));
}

// An event that keeps the status is traced under its own words; one that changes it as "status".
BOOST_AUTO_TEST_CASE(events_that_keep_the_status_have_a_trace_kind_of_their_own) {
  std::set<OrderEvent> keeping;
  for (const Transition& t : transition_table()) {
    if (t.from == t.to) keeping.insert(t.event);
  }
  BOOST_TEST(keeping.size() == 5u);
  for (int value = 0; value < kOrderEventCount; ++value) {
    const auto event = static_cast<OrderEvent>(value);
    BOOST_TEST_CONTEXT(event_name(event)) {
      if (keeping.contains(event)) {
        BOOST_TEST(casim::mockca::trace_kind_name(trace_kind(event)) == event_name(event));
      } else {
        BOOST_TEST((trace_kind(event) == TraceKind::StatusChanged));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(status_msg_texts_round_trip) {
  using casim::mockca::StatusMsg;
  for (const StatusMsg msg : {StatusMsg::None, StatusMsg::PreReviewing, StatusMsg::PendingDcv,
                              StatusMsg::LegalReviewing, StatusMsg::CaReviewing, StatusMsg::WaitIssue}) {
    BOOST_TEST((casim::mockca::status_msg_from_text(casim::mockca::status_msg_text(msg)) == msg));
  }
  BOOST_TEST(casim::mockca::status_msg_text(StatusMsg::CaReviewing) == "CA-REVIEWING");
  BOOST_TEST(!casim::mockca::status_msg_from_text("REVIEWING").has_value());
}

BOOST_AUTO_TEST_SUITE_END()  // test_transition
