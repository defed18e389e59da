// OrderPlan helpers: products, timings, the polling back-off and the plan's consistency checks.
#include "casim/order/plan.hpp"

#include <algorithm>
#include <cmath>

#include "casim/sim/error.hpp"

namespace casim::order {

std::string_view product_name(Product product) {
  return product == Product::FreeDv ? "free_dv" : "paid";
}

mockca::Status pending_status(Product product) {
  return product == Product::FreeDv ? mockca::Status::FreePendingSubmission : mockca::Status::PendingSubmission;
}

sim::Instant Timing::resolve(sim::Instant anchor, sim::Instant now) const {
  const sim::Instant at = std::holds_alternative<sim::Instant>(when)
                              ? std::get<sim::Instant>(when)
                              : anchor + std::get<sim::Duration>(when);
  return std::max(at, now);
}

sim::Duration PollingPolicy::next_interval(sim::Duration current) const {
  const double scaled = static_cast<double>(current.count()) * backoff;
  const double capped = std::min(scaled, static_cast<double>(max_interval.count()));
  return std::max(sim::Duration{static_cast<sim::Duration::rep>(std::llround(capped))}, sim::kSecond);
}

mockca::OrganizationInfo organization_as_registered(const sim::world::Organization& organization) {
  mockca::OrganizationInfo info;
  info.legal_name = organization.legal_name;
  info.registration_number = organization.registration_number;
  info.country = organization.jurisdiction.country;
  info.state = organization.jurisdiction.state_or_province;
  info.locality = organization.jurisdiction.locality;
  info.address = organization.address;
  info.phone = organization.applicant_phone;
  info.business_category = organization.category;
  return info;
}

std::vector<std::string> planned_names(const OrderPlan& plan) {
  const auto* online = std::get_if<mockca::OnlineCsr>(&plan.csr);
  if (online == nullptr) return {};
  std::vector<std::string> names{online->common_name};
  names.insert(names.end(), online->other_names.begin(), online->other_names.end());
  return names;
}

std::size_t planned_name_count(const OrderPlan& plan) {
  const auto* online = std::get_if<mockca::OnlineCsr>(&plan.csr);
  return online == nullptr ? 0 : 1 + online->other_names.size();
}

namespace {

[[noreturn]] void refuse(const std::string& where, std::string_view field, const std::string& why) {
  throw InputError(where + "." + std::string(field), why);
}

// The message is built only for a plan that fails: check_plan runs for every order of every run.
void require(bool condition, const std::string& where, std::string_view field, const char* why) {
  if (!condition) refuse(where, field, why);
}

bool negative(const Timing& timing) {
  const auto* delay = std::get_if<sim::Duration>(&timing.when);
  return delay != nullptr && *delay < sim::Duration::zero();
}

}  // namespace

void check_plan(const OrderPlan& plan, const std::string& where) {
  require(!plan.ref.empty(), where, "ref", "an order needs a name");
  if (plan.years < 1 || plan.years > 5) refuse(where, "years", "must be 1–5, not " + std::to_string(plan.years));
  if (plan.domain_count < 1) {
    refuse(where, "domain_count", "must be at least 1, not " + std::to_string(plan.domain_count));
  }
  require(!negative(plan.placed), where, "placed", "a delay cannot be negative");
  require(plan.submit_after >= sim::Duration::zero(), where, "submit_after",
          "a delay cannot be negative");
  require(!negative(plan.publish.when), where, "publish.when", "a delay cannot be negative");
  require(!plan.publish.corrected || !negative(*plan.publish.corrected), where, "publish.corrected",
          "a delay cannot be negative");
  require(plan.publish.kind != PublishKind::WrongValue || !plan.publish.wrong_value.empty(), where,
          "publish.wrong_value", "a wrong value cannot be empty");
  const PollingPolicy& polling = plan.polling;
  require(polling.first_poll >= sim::Duration::zero(), where, "polling.first_poll",
          "a delay cannot be negative");
  require(polling.interval >= sim::kSecond, where, "polling.interval", "must be at least 1s");
  require(polling.max_interval >= polling.interval, where, "polling.max_interval",
          "must be at least the interval");
  require(std::isfinite(polling.backoff) && polling.backoff >= 1.0, where, "polling.backoff",
          "must be a number of at least 1");
  require(polling.rate_limited_retry >= sim::kSecond, where, "polling.rate_limited_retry",
          "must be at least 1s");
  require(plan.resubmit.max_attempts >= 0, where, "resubmit.max_attempts", "cannot be negative");
  require(plan.resubmit.delay >= sim::Duration::zero(), where, "resubmit.delay",
          "a delay cannot be negative");
  if (plan.cancel) {
    require(!negative(plan.cancel->when), where, "cancel.when", "a delay cannot be negative");
    if (plan.cancel->cycle < 1 || plan.cancel->cycle > plan.years) {
      refuse(where, "cancel.cycle", "must be a certificate of the plan (1–" + std::to_string(plan.years) + ")");
    }
  }
  require(!plan.reissue || !negative(plan.reissue->when), where, "reissue.when",
          "a delay cannot be negative");
  require(!plan.revoke || !negative(plan.revoke->when), where, "revoke.when",
          "a delay cannot be negative");
  require(!plan.renew || plan.renew->before_expiry >= sim::Duration::zero(), where,
          "renew.before_expiry", "cannot be negative");
  if (plan.product == Product::FreeDv) {
    require(plan.level == mockca::ValidationLevel::DV, where, "level", "a free certificate is DV only");
    require(plan.years == 1, where, "years", "a free certificate is one certificate of 90 days");
    require(plan.domain_count == 1, where, "domain_count", "a free certificate covers one domain");
  }
}

}  // namespace casim::order
