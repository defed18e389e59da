// The events casim sends an agent, and the reading of its requests' fields (messages.hpp).
#include "messages.hpp"

#include <algorithm>
#include <cmath>
#include <chrono>

#include <fmt/format.h>

#include "casim/sim/error.hpp"
#include "channel.hpp"

namespace casim::agent {
namespace {

using nlohmann::json;

double seconds(sim::Duration duration) { return std::chrono::duration<double>(duration).count(); }

int product_id(const std::vector<api::Product>& products, const order::OrderPlan& plan) {
  for (const api::Product& product : products) {
    if (product.brand == plan.brand && product.level == plan.level) return product.id;
  }
  throw std::logic_error("no product for the brand of order " + plan.ref);
}

const json& field(const json& request, std::string_view name) {
  static const json kNull;
  const auto found = request.find(name);
  return found == request.end() ? kNull : *found;
}

[[noreturn]] void wrong_type(std::string_view name, std::string_view expected, const json& value) {
  throw ProtocolError(fmt::format("\"{}\" must be {}, got {}", name, expected, value.dump().substr(0, 80)));
}

}  // namespace

std::vector<std::string> brands_of(const std::vector<order::OrderPlan>& plans) {
  std::vector<std::string> brands{""};
  for (const order::OrderPlan& plan : plans) {
    if (std::find(brands.begin(), brands.end(), plan.brand) == brands.end()) brands.push_back(plan.brand);
  }
  return brands;
}

json hello_event(const order::RunContext& context, const std::vector<api::Product>& products) {
  json catalogue = json::array();
  for (const api::Product& product : products) {
    catalogue.push_back({{"ProductId", product.id}, {"brand", product.brand}, {"level", mockca::level_name(product.level)}});
  }
  json notice_days = json::array();
  for (const int days : context.settings.expiry_notice_days) notice_days.push_back(days);
  return {{"type", "hello"},
          {"protocol", kProtocolVersion},
          {"casim", CASIM_VERSION},
          {"scenario", context.scenario},
          {"run", context.run_index},
          {"seed", context.seed},
          {"start", sim::format_instant(context.start)},
          {"time_zone", context.review_calendar.time_zone().name()},
          {"calendar", context.review_calendar.name()},
          {"products", catalogue},
          {"platform",
           {{"expiry_notice_days", notice_days},
            {"renewal_window", seconds(context.settings.renewal_window)},
            {"multi_year_lead", seconds(context.settings.multi_year_lead)}}}};
}

json order_form(const order::OrderPlan& plan, const std::vector<api::Product>& products) {
  const order::PollingPolicy& polling = plan.polling;
  return {{"ProductId", product_id(products, plan)},
          {"level", mockca::level_name(plan.level)},
          {"brand", plan.brand},
          {"DomainNum", plan.domain_count},
          {"TimeSpan", plan.years},
          {"names", order::planned_names(plan)},
          {"info", api::info_params(plan.csr, plan.organization, plan.administrator, plan.contact)},
          {"VerifyType", mockca::to_string(plan.verify_type)},
          {"DeleteDnsAutoRecord", plan.delete_dns_auto_record},
          {"polling",
           {{"first_poll", seconds(polling.first_poll)},
            {"interval", seconds(polling.interval)},
            {"backoff", polling.backoff},
            {"max_interval", seconds(polling.max_interval)},
            {"validate_now", polling.validate_now},
            {"rate_limited_retry", seconds(polling.rate_limited_retry)}}}};
}

json ca_update_event(const mockca::OrderUpdate& update, const std::string& ref, const std::string& certificate_id) {
  json reasons = json::array();
  for (const mockca::Reason reason : update.reasons) reasons.push_back(mockca::info(reason).code);
  return {{"type", "ca_update"},
          {"ref", ref},
          {"CertificateId", certificate_id},
          {"OrderId", update.order_id},
          {"Status", mockca::code(update.status)},
          {"StatusMsg", mockca::status_msg_text(update.status_msg)},
          {"phase", mockca::phase_name(update.phase)},
          {"DomainValidation", mockca::track_state_name(update.domain_validation)},
          {"Review", mockca::track_state_name(update.review)},
          {"Reasons", reasons}};
}

std::string string_field(const json& request, std::string_view name) {
  const std::optional<std::string> value = optional_string(request, name);
  if (!value) throw ProtocolError(fmt::format("\"{}\" is required", name));
  return *value;
}

std::optional<std::string> optional_string(const json& request, std::string_view name) {
  const json& value = field(request, name);
  if (value.is_null()) return std::nullopt;
  if (!value.is_string()) wrong_type(name, "a string", value);
  return value.get<std::string>();
}

std::optional<double> optional_number(const json& request, std::string_view name) {
  const json& value = field(request, name);
  if (value.is_null()) return std::nullopt;
  if (!value.is_number()) wrong_type(name, "a number", value);
  return value.get<double>();
}

std::optional<long long> optional_integer(const json& request, std::string_view name) {
  const json& value = field(request, name);
  if (value.is_null()) return std::nullopt;
  if (!value.is_number_integer()) wrong_type(name, "an integer", value);
  return value.get<long long>();
}

std::optional<sim::Instant> optional_instant(const json& request, std::string_view name) {
  const std::optional<std::string> text = optional_string(request, name);
  if (!text) return std::nullopt;
  // parse_instant reads scenario files' instants, without fractions; casim writes `.ffffff` here.
  std::string whole = *text;
  sim::Duration fraction{};
  if (const std::size_t dot = whole.find('.'); dot != std::string::npos && whole.back() == 'Z') {
    const std::string digits = whole.substr(dot + 1, whole.size() - dot - 2);
    if (digits.empty() || digits.size() > 6 || digits.find_first_not_of("0123456789") != std::string::npos) {
      throw ProtocolError(fmt::format("\"{}\" has a fraction of a second that is not 1 to 6 digits: \"{}\"", name,
                                      text->substr(0, 40)));
    }
    fraction = sim::Duration(std::stoll(digits + std::string(6 - digits.size(), '0')));
    whole = whole.substr(0, dot) + "Z";
  }
  try {
    return sim::parse_instant(whole, std::string(name)) + fraction;
  } catch (const InputError&) {
    throw ProtocolError(fmt::format("\"{}\" must be an ISO 8601 instant such as 2026-03-02T01:00:00Z, got \"{}\"", name,
                                    text->substr(0, 40)));
  }
}

}  // namespace casim::agent
