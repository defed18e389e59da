// OrderLedger: what `casim serve` reports of each certificate bought over HTTP — the same
// OrderResult the built-in Platform and an agent's platform keep, built from the answers of the
// reseller API's codec and from the CA's updates (the Status a client reading the API would see).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "casim/api/call_answer.hpp"
#include "casim/mockca/api.hpp"
#include "casim/mockca/trace.hpp"
#include "casim/order/result.hpp"
#include "casim/order/stage_recorder.hpp"
#include "casim/sim/kernel.hpp"

namespace casim::serve {

class OrderLedger {
 public:
  // Everything passed by reference must outlive the ledger.
  OrderLedger(const sim::Kernel& kernel, mockca::Trace& trace, const mockca::Api& ca, order::StageRecorder& stages);

  // After each call of the codec: records what it bought, submitted, downloaded or refused.
  void after_call(const std::string& action, const nlohmann::json& params, const api::CallAnswer& answer);
  // The place among results() of the order a CA update is about; none for one it does not know.
  std::optional<std::size_t> order_of(const mockca::OrderUpdate& update) const;
  // A change of the state of order `index`'s CA order: the Status shown changes with it.
  void on_ca_update(std::size_t index, const mockca::OrderUpdate& update);
  // Every order so far, in the order they were bought; outcomes as of now.
  std::vector<order::OrderResult> results() const;
  // The order ref of a CertificateId; nullptr when unknown.
  const std::string* ref_of(std::string_view certificate_id) const;

 private:
  struct Order {
    order::OrderResult result;
    bool rejected = false;
    mockca::StatusMsg status_msg = mockca::StatusMsg::None;
    std::optional<std::string> sha256;  // of the certificate downloaded
  };

  std::size_t create(const std::string& ref, order::OrderOrigin origin, const std::string& parent);
  void accepted(std::size_t index, const mockca::Receipt& receipt);
  void refused(const std::string& action, std::optional<std::size_t> index, const mockca::ApiError& error);
  // A Status (or StatusMsg) the API now shows for order `index`; `event` what moved it (none: as
  // the CA's status says).
  void show(std::size_t index, mockca::Status status, mockca::StatusMsg status_msg, std::optional<order::OrderEvent> event);

  const sim::Kernel& kernel_;
  mockca::Trace& trace_;
  const mockca::Api& ca_;
  order::StageRecorder& stages_;
  std::vector<Order> orders_;
  std::map<std::string, std::size_t, std::less<>> by_certificate_;  // by CertificateId
  std::map<std::string, std::size_t, std::less<>> by_ca_order_;
};

}  // namespace casim::serve
