// The scenario loader's sections (one file each): what they share while one file is read, and
// the function per top-level key. Each reports its problems through the Reader and fills in
// what it could read, so that one pass finds every problem it can.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "casim/scenario/scenario.hpp"
#include "casim/sim/world/organizations.hpp"
#include "reader.hpp"

namespace casim::scenario::detail {

struct Context {
  Reader& reader;
  bool make_csrs = true;            // false when only checking: bad-CSR kinds are checked, not made
  sim::Instant start;               // the epoch until `start` is read
  std::string default_brand;        // ca.brand
  std::map<std::string, sim::world::Organization, std::less<>> organizations;  // by id
  std::set<std::string, std::less<>> refs;                                     // every order ref, count copies included
  std::set<std::string, std::less<>> templates;                                // refs of orders with a count
  sim::Duration horizon = order::RunLimits{}.horizon;  // limits.horizon, read before the orders
};

// `target` = the value read, when one was.
template <typename T>
void set(std::optional<T> value, T& target) {
  if (value) target = std::move(*value);
}

void load_calendars(Context& context, const YAML::Node& node, Scenario& scenario);
// A calendar by name (CN, CN+US, a file's) or as the mapping form (base, holidays, working_days,
// business_hours, joint_hours); nothing, reported, when it cannot be read.
std::optional<sim::Calendar> read_calendar(Context& context, const YAML::Node& node, const std::string& path);
void load_ca(Context& context, const YAML::Node& node, mockca::CaConfig& config);
void load_world(Context& context, const YAML::Node& node, sim::world::World& world);
void load_actions(Context& context, const YAML::Node& node, sim::world::World& world);
// Fills `validation_values` (the CA's fixed values by order ref) from the orders' validation_value.
void load_orders(Context& context, const YAML::Node& node, std::vector<order::OrderPlan>& orders,
                 std::map<std::string, std::string, std::less<>>& validation_values);
void load_limits(Context& context, const YAML::Node& node, order::RunLimits& limits);
void load_platform(Context& context, const YAML::Node& node, order::PlatformSettings& settings);
// Once every section is read: the instants a run of `config` reaches stay within the years casim
// handles, and its start within those its calendars cover (check_reachable.cpp).
void check_reachable(Reader& reader, const Section& top, const order::RunConfig& config);
// The `expect` list: order expectations, and at most one `{run: STOP}` entry.
void load_order_expectations(Context& context, const YAML::Node& node, std::vector<OrderExpectation>& out,
                             std::optional<RunExpectation>& run);
void load_aggregate_expectations(Context& context, const YAML::Node& node, std::vector<AggregateExpectation>& out);

// Shared by the world and the actions: one DNS record (section "dns_record" or "record").
std::optional<sim::world::DnsRecord> read_dns_record(Context& context, const Section& section);
// Shared by the world and the actions: a web answer from the behaviour keys of `section`.
std::optional<sim::world::WebBehaviour> read_behaviour(Context& context, const Section& section);
// Shared by the world and the actions: the https-only mode of `section` (`mode`, default
// redirect_http; `off` ends it, only where `allow_off`). Outer nullopt: the mode was unreadable.
std::optional<std::optional<sim::world::HttpsOnly>> read_https_only(Context& context, const Section& section,
                                                                    bool allow_off);
// A world phone line from the answer keys of `section` ("phone" or "phone_change").
std::optional<sim::world::PhoneLine> read_phone_line(Context& context, const Section& section);
// Shared by orders and resubmissions: an organization as submitted (id or mapping).
std::optional<mockca::OrganizationInfo> read_submitted_organization(Context& context, const YAML::Node& node,
                                                                    const std::string& path);

}  // namespace casim::scenario::detail
