// `orders:`: each entry an order::OrderPlan, every field of it, in file order; `count: N` repeats
// an entry as <ref>-00001… with `{i}` in its names replaced by the copy's number; an entry's
// `validation_value` becomes the CA's fixed value for each of its refs.
#include <fmt/format.h>

#include <map>

#include "casim/mockca/ca_state.hpp"
#include "csr_spec.hpp"
#include "loader.hpp"

namespace casim::scenario::detail {
namespace {

using order::OrderPlan;

constexpr std::int64_t kMaxCount = 1'000'000;

const KeywordTable<mockca::VerifyType> kMethods = {
    {"dns", mockca::VerifyType::Dns}, {"dns_auto", mockca::VerifyType::DnsAuto}, {"file", mockca::VerifyType::File}};

bool is_folder_name(std::string_view text) {
  return !text.empty() && text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") ==
                              std::string_view::npos;
}

std::string replace_index(std::string text, std::int64_t index) {
  const std::string number = std::to_string(index);
  for (std::size_t at = text.find("{i}"); at != std::string::npos; at = text.find("{i}", at + number.size())) {
    text.replace(at, 3, number);
  }
  return text;
}

std::string copy_ref(const std::string& ref, std::int64_t index) { return fmt::format("{}-{:05}", ref, index); }

mockca::ContactInfo read_contact(Context& context, const YAML::Node& node, const std::string& path) {
  Reader& reader = context.reader;
  const Section c(reader, node, "contact", path);
  mockca::ContactInfo contact;
  const auto text = [&](std::string_view key, std::string& target) {
    if (const auto v = c.get(key)) target = read_string(reader, v, c.path(key)).value_or("");
  };
  text("name", contact.name);
  text("position", contact.position);
  text("phone", contact.phone);
  text("email", contact.email);
  return contact;
}

void read_publish(Context& context, const YAML::Node& node, const std::string& path, order::PublishPlan& publish) {
  Reader& reader = context.reader;
  const Section p(reader, node, "publish", path);
  if (const auto v = p.get("kind")) {
    set(read_keyword<order::PublishKind>(reader, v, p.path("kind"),
                                         {{"correct", order::PublishKind::Correct},
                                          {"wrong_value", order::PublishKind::WrongValue},
                                          {"never", order::PublishKind::Never}}),
        publish.kind);
  }
  if (const auto v = p.get("at")) set(read_timing(reader, v, p.path("at")), publish.when);
  if (const auto v = p.get("wrong_value")) set(read_string(reader, v, p.path("wrong_value")), publish.wrong_value);
  if (const auto v = p.get("corrected")) {
    if (const auto timing = read_timing(reader, v, p.path("corrected"))) publish.corrected = *timing;
  }
  if (const auto v = p.get("file_scheme")) {
    set(read_keyword<order::FileScheme>(reader, v, p.path("file_scheme"),
                                        {{"http", order::FileScheme::Http},
                                         {"https", order::FileScheme::Https},
                                         {"both", order::FileScheme::Both}}),
        publish.file_scheme);
  }
  if ((p.has("wrong_value") || p.has("corrected")) && publish.kind != order::PublishKind::WrongValue) {
    reader.error(node, path + ": wrong_value and corrected need kind: wrong_value");
  }
  // Both count from the CA's receipt; timings of different kinds (a delay, an instant) are not compared.
  const auto corrected = p.get("corrected");
  if (publish.corrected && p.has("at") && publish.corrected->when.index() == publish.when.when.index() &&
      publish.corrected->when < publish.when.when) {
    reader.error(corrected, fmt::format("{}: {} comes before at {}; the wrong value would replace its correction",
                                        p.path("corrected"), corrected.Scalar(), p.get("at").Scalar()));
  }
}

void read_polling(Context& context, const YAML::Node& node, const std::string& path, order::PollingPolicy& polling) {
  Reader& reader = context.reader;
  const Section p(reader, node, "polling", path);
  if (const auto v = p.get("first_poll")) set(read_duration(reader, v, p.path("first_poll")), polling.first_poll);
  if (const auto v = p.get("interval")) set(read_duration(reader, v, p.path("interval")), polling.interval);
  if (const auto v = p.get("backoff")) set(read_number(reader, v, p.path("backoff"), 1, 1000), polling.backoff);
  if (const auto v = p.get("max_interval")) set(read_duration(reader, v, p.path("max_interval")), polling.max_interval);
  if (const auto v = p.get("validate_now")) set(read_bool(reader, v, p.path("validate_now")), polling.validate_now);
  if (const auto v = p.get("rate_limited_retry")) {
    set(read_duration(reader, v, p.path("rate_limited_retry")), polling.rate_limited_retry);
  }
}

void read_resubmit(Context& context, const YAML::Node& node, const std::string& path, order::ResubmitPlan& resubmit) {
  Reader& reader = context.reader;
  const Section r(reader, node, "resubmit", path);
  resubmit.enabled = true;
  if (const auto v = r.get("enabled")) set(read_bool(reader, v, r.path("enabled")), resubmit.enabled);
  if (const auto v = r.get("max_attempts")) {
    if (const auto n = read_integer(reader, v, r.path("max_attempts"), 0, 100))
      resubmit.max_attempts = static_cast<int>(*n);
  }
  if (const auto v = r.get("delay")) set(read_duration(reader, v, r.path("delay")), resubmit.delay);
  if (const auto v = r.get("corrected_organization")) {
    resubmit.corrected_organization = read_submitted_organization(context, v, r.path("corrected_organization"));
  }
}

// Everything of one entry but its ref, names and CSR, which differ per copy.
struct Entry {
  OrderPlan plan;
  std::vector<std::string> names;
  std::string common_name;
  std::optional<CsrSpec> csr = GeneratedCsr{};
  std::optional<CsrSpec> reissue_csr;
  std::optional<std::string> validation_value;  // the CA's value for every copy, instead of a drawn one
  bool domain_count_given = false;
  std::int64_t count = 1;
  sim::Duration spread{};
};

void read_lifecycle(Context& context, const Section& o, Entry& entry) {
  Reader& reader = context.reader;
  if (const auto v = o.get("cancel")) {
    const Section c(reader, v, "cancel", o.path("cancel"));
    order::CancelPlan cancel;
    set(read_timing(reader, c.require("at"), c.path("at")), cancel.when);
    if (const auto n = c.get("cycle"))
      cancel.cycle = static_cast<int>(read_integer(reader, n, c.path("cycle"), 1, 5).value_or(1));
    entry.plan.cancel = cancel;
  }
  if (const auto v = o.get("reissue")) {
    const Section r(reader, v, "reissue", o.path("reissue"));
    order::ReissuePlan reissue;
    set(read_timing(reader, r.require("at"), r.path("at")), reissue.when);
    if (const auto csr = r.get("csr")) entry.reissue_csr = read_csr(context, csr, r.path("csr"));
    if (const auto method = r.get("method"))
      reissue.verify_type = read_keyword(reader, method, r.path("method"), kMethods);
    entry.plan.reissue = reissue;
  }
  if (const auto v = o.get("revoke")) {
    const Section r(reader, v, "revoke", o.path("revoke"));
    order::RevokePlan revoke;
    set(read_timing(reader, r.require("at"), r.path("at")), revoke.when);
    if (const auto reason = r.get("reason")) {
      if (const auto text = read_string(reader, reason, r.path("reason"))) {
        if (const auto parsed = mockca::parse_revocation_reason(*text)) {
          revoke.reason = *parsed;
        } else {
          reader.error(reason, fmt::format("{}: unknown revocation reason '{}'; expected one of: {}", r.path("reason"),
                                           *text, mockca::revocation_reason_names()));
        }
      }
    }
    entry.plan.revoke = revoke;
  }
  if (const auto v = o.get("renew")) {
    const Section r(reader, v, "renew", o.path("renew"));
    order::RenewPlan renew;
    if (const auto before = r.get("before_expiry"))
      set(read_duration(reader, before, r.path("before_expiry")), renew.before_expiry);
    entry.plan.renew = renew;
  }
}

// A free_dv order is one DV certificate of one domain with an RSA 2048 or ECC P-256 key: anything
// else is reported at the key that asks for it.
void check_free_entry(Context& context, const Section& o, const Entry& entry) {
  Reader& reader = context.reader;
  const OrderPlan& plan = entry.plan;
  if (plan.level != mockca::ValidationLevel::DV && o.has("level")) {
    reader.error(o.get("level"), fmt::format("{}: a free_dv order is DV only, not {}", o.path("level"),
                                             mockca::level_name(plan.level)));
  }
  if (entry.names.size() > 1) {
    reader.error(o.get("names"), fmt::format("{}: a free_dv order covers one domain, not {}", o.path("names"),
                                             entry.names.size()));
  }
  if (entry.domain_count_given && plan.domain_count != 1) {
    reader.error(o.get("domain_count"), o.path("domain_count") + ": a free_dv order covers one domain");
  }
  if (plan.years != 1) {
    reader.error(o.get("years"), o.path("years") + ": a free_dv order is one certificate of 90 days (years: 1)");
  }
  const auto* generated = entry.csr ? std::get_if<GeneratedCsr>(&*entry.csr) : nullptr;
  const std::string key = generated != nullptr ? mockca::describe(generated->key) : "";
  if (generated != nullptr && !mockca::free_product_key(key)) {
    reader.error(o.get("csr"), fmt::format("{}: a free_dv order takes an RSA 2048 or ECC P-256 key, not {}",
                                           o.path("csr"), key));
  }
}

void read_entry(Context& context, const Section& o, Entry& entry) {
  Reader& reader = context.reader;
  OrderPlan& plan = entry.plan;
  plan.brand = context.default_brand;
  if (const auto v = o.get("count")) entry.count = read_integer(reader, v, o.path("count"), 1, kMaxCount).value_or(1);
  if (const auto v = o.get("spread")) {
    if (!o.has("count")) reader.error(v, o.path("spread") + ": spread needs count");
    set(read_duration(reader, v, o.path("spread")), entry.spread);
  }
  if (const auto v = o.get("brand")) set(read_string(reader, v, o.path("brand")), plan.brand);
  if (const auto v = o.get("product")) {
    set(read_keyword<order::Product>(reader, v, o.path("product"),
                                     {{"paid", order::Product::Paid}, {"free_dv", order::Product::FreeDv}}),
        plan.product);
  }
  if (const auto v = o.get("level")) {
    set(read_keyword<mockca::ValidationLevel>(reader, v, o.path("level"),
                                              {{"DV", mockca::ValidationLevel::DV},
                                               {"OV", mockca::ValidationLevel::OV},
                                               {"EV", mockca::ValidationLevel::EV}}),
        plan.level);
  }
  if (const auto v = o.get("names")) set(read_strings(reader, v, o.path("names")), entry.names);
  if (const auto v = o.get("domain_count")) {
    entry.domain_count_given = true;
    plan.domain_count = static_cast<int>(read_integer(reader, v, o.path("domain_count"), 1, 1000).value_or(1));
  }
  if (const auto v = o.get("years"))
    plan.years = static_cast<int>(read_integer(reader, v, o.path("years"), 1, 5).value_or(1));
  if (const auto v = o.get("placed")) set(read_timing(reader, v, o.path("placed")), plan.placed);
  if (const auto v = o.get("submit_after")) set(read_duration(reader, v, o.path("submit_after")), plan.submit_after);
  if (const auto v = o.get("csr")) entry.csr = read_csr(context, v, o.path("csr"));
  if (const auto v = o.get("common_name")) set(read_string(reader, v, o.path("common_name")), entry.common_name);
  if (const auto v = o.get("organization"))
    plan.organization = read_submitted_organization(context, v, o.path("organization"));
  if (const auto v = o.get("administrator")) plan.administrator = read_contact(context, v, o.path("administrator"));
  if (const auto v = o.get("contact")) plan.contact = read_contact(context, v, o.path("contact"));
  if (const auto v = o.get("method")) set(read_keyword(reader, v, o.path("method"), kMethods), plan.verify_type);
  if (const auto v = o.get("delete_dns_auto_record")) {
    set(read_bool(reader, v, o.path("delete_dns_auto_record")), plan.delete_dns_auto_record);
  }
  if (const auto v = o.get("validation_value")) {
    entry.validation_value = read_string(reader, v, o.path("validation_value"));
    if (entry.validation_value && entry.validation_value->empty()) {
      reader.error(v, o.path("validation_value") + ": expected a non-empty value");
    }
  }
  if (const auto v = o.get("publish")) read_publish(context, v, o.path("publish"), plan.publish);
  if (const auto v = o.get("polling")) read_polling(context, v, o.path("polling"), plan.polling);
  if (const auto v = o.get("resubmit")) read_resubmit(context, v, o.path("resubmit"), plan.resubmit);
  read_lifecycle(context, o, entry);
  const bool needs_names = entry.csr && !std::holds_alternative<PastedText>(*entry.csr);
  if (needs_names && entry.names.empty() && !o.has("names")) {
    reader.error(o.node(), o.path() + ": missing required key 'names' (a generated or bad CSR is made for them)");
  } else if (needs_names && entry.names.empty()) {
    reader.error(o.get("names"), o.path("names") + ": expected at least one name");
  }
  if (!entry.domain_count_given) plan.domain_count = std::max<int>(1, static_cast<int>(entry.names.size()));
  if (plan.product == order::Product::FreeDv) check_free_entry(context, o, entry);
}

// The plan of copy `index` (1-based; 0 for an entry without count).
OrderPlan make_copy(const Context& context, const Entry& entry, const std::string& ref, std::int64_t index) {
  OrderPlan plan = entry.plan;
  plan.ref = index == 0 ? ref : copy_ref(ref, index);
  std::vector<std::string> names = entry.names;
  std::string common_name = entry.common_name;
  if (index > 0) {
    for (auto& name : names) name = replace_index(name, index);
    common_name = replace_index(common_name, index);
    const sim::Duration offset = entry.spread * (index - 1);
    if (auto* delay = std::get_if<sim::Duration>(&plan.placed.when)) {
      *delay += offset;
    } else {
      std::get<sim::Instant>(plan.placed.when) += offset;
    }
  }
  plan.csr = make_csr_input(context, *entry.csr, names, common_name);
  if (plan.reissue && entry.reissue_csr)
    plan.reissue->csr = make_csr_input(context, *entry.reissue_csr, names, common_name);
  return plan;
}

// A warning (lint): the entry's last copy is placed at or after the horizon, so the run ends
// before it gets anywhere (unfinished when placed exactly then, not_placed after).
void warn_if_after_horizon(Context& context, const Section& o, const OrderPlan& last) {
  const sim::Instant horizon = context.start + context.horizon;
  const sim::Instant placed = last.placed.resolve(context.start, context.start);
  if (placed < horizon) return;
  const auto node = o.get("placed") ? o.get("placed") : o.node();
  context.reader.warn(node, fmt::format("{}: order {} is placed at {}, not before the run's horizon {} "
                                        "(limits.horizon): the run ends before the order gets anywhere",
                                        o.path(), last.ref, sim::format_instant(placed),
                                        sim::format_instant(horizon)));
}

}  // namespace

std::optional<mockca::OrganizationInfo> read_submitted_organization(Context& context, const YAML::Node& node,
                                                                    const std::string& path) {
  Reader& reader = context.reader;
  const auto from_world = [&](const YAML::Node& id_node,
                              const std::string& id_path) -> std::optional<mockca::OrganizationInfo> {
    const auto id = read_string(reader, id_node, id_path);
    if (!id) return std::nullopt;
    const auto found = context.organizations.find(*id);
    if (found == context.organizations.end()) {
      std::vector<std::string_view> ids;
      for (const auto& [known, organization] : context.organizations) ids.push_back(known);
      reader.error(id_node, fmt::format("{}: no organization '{}' in world.organizations{}", id_path, *id,
                                        did_you_mean(*id, ids)));
      return std::nullopt;
    }
    return order::organization_as_registered(found->second);
  };
  if (node && node.IsScalar()) return from_world(node, path);
  const Section s(reader, node, "submitted_organization", path);
  if (!s.ok()) return std::nullopt;
  mockca::OrganizationInfo info;
  if (const auto from = s.get("from")) {
    const auto base = from_world(from, s.path("from"));
    if (!base) return std::nullopt;
    info = *base;
  }
  const auto text = [&](std::string_view key, std::string& target) {
    if (const auto v = s.get(key)) target = read_string(reader, v, s.path(key)).value_or("");
  };
  text("legal_name", info.legal_name);
  text("registration_number", info.registration_number);
  text("division", info.division);
  text("country", info.country);
  text("state", info.state);
  text("locality", info.locality);
  text("address", info.address);
  text("phone", info.phone);
  if (const auto category = s.get("business_category")) {
    if (const auto name = read_string(reader, category, s.path("business_category"))) {
      reported(reader, category, [&] {
        info.business_category = sim::world::parse_business_category(*name, s.path("business_category"));
      });
    }
  }
  return info;
}

void load_orders(Context& context, const YAML::Node& node, std::vector<OrderPlan>& orders,
                 std::map<std::string, std::string, std::less<>>& validation_values) {
  Reader& reader = context.reader;
  std::map<std::string, int, std::less<>> first_line;  // ref → the line it was first used on
  for_each_item(reader, node, "orders", [&](const YAML::Node& item, const std::string& path) {
    const Section o(reader, item, "order", path);
    if (!o.ok()) return;
    const std::size_t before = reader.error_count();
    const auto ref_node = o.require("ref");
    const auto ref = read_string(reader, ref_node, o.path("ref"));
    if (ref && !is_folder_name(*ref)) {
      reader.error(ref_node, fmt::format("{}: '{}' has characters outside A-Z a-z 0-9 . _ - (refs name report folders)",
                                         o.path("ref"), *ref));
    }
    Entry entry;
    read_entry(context, o, entry);
    if (!ref) return;
    const bool repeated = o.has("count");
    if (repeated) context.templates.insert(*ref);
    for (std::int64_t index = repeated ? 1 : 0; index <= (repeated ? entry.count : 0); ++index) {
      const std::string copy = index == 0 ? *ref : copy_ref(*ref, index);
      const auto [previous, fresh] = first_line.emplace(copy, reader.span(ref_node).line);
      if (!fresh) {
        reader.error(ref_node, fmt::format("{}: order ref '{}' is used twice (first on line {})", o.path("ref"), copy,
                                           previous->second));
        return;
      }
      context.refs.insert(copy);
    }
    if (reader.error_count() != before || !entry.csr) return;  // known by its ref, but not made
    for (std::int64_t index = repeated ? 1 : 0; index <= (repeated ? entry.count : 0); ++index) {
      const bool made = reported(reader, item, [&] {
        OrderPlan plan = make_copy(context, entry, *ref, index);
        order::check_plan(plan, path);
        if (entry.validation_value) validation_values[plan.ref] = *entry.validation_value;
        orders.push_back(std::move(plan));
      });
      if (!made) return;
    }
    warn_if_after_horizon(context, o, orders.back());
  });
  if (node && node.IsSequence() && node.size() == 0) reader.error(node, "orders: expected at least one order");
}

}  // namespace casim::scenario::detail
