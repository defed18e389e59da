// AgentPlatform: one run's ordering logic carried out by an external agent. It turns the customer's
// requests, the CA's updates and the agent's timers into protocol events, serves the agent's
// requests (calls on the CA through the reseller API's codec, DNS_AUTO records, timers, the Status
// and validation values shown to the customer), and keeps each order's record for the reports from
// what the agent did and what the CA says — the same OrderResult the built-in Platform keeps.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "casim/api/dns_hosting.hpp"
#include "casim/api/reseller_api.hpp"
#include "casim/order/ordering_logic.hpp"
#include "channel.hpp"

namespace casim::agent {

class AgentPlatform final : public order::OrderingLogic {
 public:
  // `process` must outlive the platform; the context's references too.
  AgentPlatform(AgentProcess& process, std::chrono::milliseconds timeout, const order::RunContext& context);

  // OrderingLogic.
  void add(const order::OrderPlan& plan) override;
  void set_customer(order::CustomerListener* customer) override { customer_ = customer; }
  void set_status_listener(StatusListener listener) override { status_listener_ = std::move(listener); }
  std::optional<std::size_t> order_of(const mockca::OrderUpdate& update) const override;
  void on_ca_update(std::size_t order, const mockca::OrderUpdate& update) override;
  void begin() override;
  void end(order::RunStop stop) override;
  std::vector<order::OrderResult> take_results() override;
  std::vector<std::string> take_transcript() override { return channel_.take_transcript(); }

  // OrderingService: each request is a `customer` event.
  void place(std::string_view ref) override;
  void submit(std::string_view ref) override;
  void cancel(std::string_view ref) override;
  void resubmit(std::string_view ref, const std::optional<mockca::OrganizationInfo>& organization) override;
  void reissue(std::string_view ref, const std::optional<mockca::CsrInput>& csr,
               std::optional<mockca::VerifyType> verify_type) override;
  void revoke(std::string_view ref, mockca::RevocationReason reason) override;
  void renew(std::string_view ref) override;
  order::CustomerView view(std::string_view ref) const override;

 private:
  struct Order {
    order::OrderResult result;
    std::string plan_ref;  // the ref of the placed order whose plan this order follows
    bool rejected = false;
    mockca::StatusMsg status_msg = mockca::StatusMsg::None;
    std::vector<mockca::DomainChallenge> shown;  // the validation values shown to the customer
    std::optional<std::string> sha256;           // of the certificate downloaded
    std::optional<mockca::CertificateBundle> files;
    std::size_t accepted_turn = 0;               // the turn in which the CA accepted it
  };
  // What the customer is told once the agent's turn is over, in the order it happened.
  enum class Tell { Submitted, ValidationStarted, Issued, Failed };

  // One turn for `event` (a message without "at"), then what the customer is to be told.
  void turn(nlohmann::json event);
  std::optional<nlohmann::json> handle(const nlohmann::json& request);
  nlohmann::json call(const nlohmann::json& request);
  nlohmann::json dns(const nlohmann::json& request);
  // The order a CreateCertificate makes or buys; a ProtocolError for a ref it cannot be.
  std::size_t order_to_buy(const nlohmann::json& request, const std::string& ref);
  void after_call(const std::string& action, const nlohmann::json& params, const api::CallAnswer& answer);
  void timer(const nlohmann::json& request);
  void set_timer(const std::string& id, sim::Instant at);
  void status(const nlohmann::json& request);
  void show_customer(const nlohmann::json& request);
  void refuse(const nlohmann::json& request);
  void notice(const nlohmann::json& request);

  // The order an agent-made order (CreateCertificate for a new ref, ReplaceCertificate) creates.
  std::size_t create(const std::string& ref, order::OrderOrigin origin, const std::string& parent, int cycle);
  void created(std::size_t index);  // bought: Status 5 in its history
  void accepted(std::size_t index, const mockca::Receipt& receipt);
  void record_refusal(const std::string& action, std::optional<std::size_t> index, const mockca::ApiError& error);
  std::optional<mockca::OrderDescription> describe(const Order& order) const;
  // Warns (AgentStatusContradicted) when a final Status shown is not the CA's.
  void check_final_status(const Order& order, const std::optional<mockca::OrderDescription>& described);
  void tell_customer();

  std::size_t index_of(std::string_view ref) const;  // misuse (logic_error) when unknown
  std::size_t index_named(const nlohmann::json& request) const;  // the request's "ref"; a ProtocolError when unknown
  nlohmann::json customer_event(std::string_view request, std::string_view ref) const;
  void trace(const std::string& ref, mockca::TraceKind kind, std::optional<mockca::Status> status,
             std::optional<mockca::Reason> reason, std::string detail);

  order::RunContext context_;
  Channel channel_;
  std::vector<api::Product> products_;
  api::ResellerApi api_;
  api::DnsHostingApi dns_;
  order::CustomerListener* customer_ = nullptr;
  StatusListener status_listener_;
  std::map<std::string, order::OrderPlan, std::less<>> plans_;  // by the placed order's ref
  std::vector<Order> orders_;
  std::map<std::string, std::size_t, std::less<>> by_ref_;
  std::map<std::string, std::size_t, std::less<>> by_ca_order_;
  std::map<std::string, std::size_t, std::less<>> by_certificate_;  // by CertificateId
  std::map<std::string, sim::EventId, std::less<>> timers_;  // pending, by id
  std::vector<std::pair<Tell, std::size_t>> to_tell_;
  std::size_t turns_ = 0;
  bool in_turn_ = false;
  bool ending_ = false;  // the bye turn: nothing but a yield
};

}  // namespace casim::agent
