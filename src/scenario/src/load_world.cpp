// `world:`: DNS zones, records and failure windows; web hosts and paths; the company registry;
// phone lines; the platform's hosted domains. Entries hold from their `at` (a timing after the
// start) or, without one, from the beginning of time.
#include <fmt/format.h>

#include "casim/sim/world/world.hpp"
#include "loader.hpp"

namespace casim::scenario::detail {
namespace {

using sim::world::CallResult;
using sim::world::DnsType;
using sim::world::WebBehaviour;

const KeywordTable<DnsType> kDnsTypes = {
    {"A", DnsType::A}, {"NS", DnsType::NS}, {"CNAME", DnsType::CNAME}, {"TXT", DnsType::TXT}, {"CAA", DnsType::CAA}};

const KeywordTable<CallResult> kCallResults = {
    {"confirmed", CallResult::Confirmed}, {"no_answer", CallResult::NoAnswer},         {"busy", CallResult::Busy},
    {"voicemail", CallResult::Voicemail}, {"wrong_number", CallResult::WrongNumber},   {"refused", CallResult::Refused},
    {"call_back", CallResult::CallBack},  {"not_in_service", CallResult::NotInService}};

const KeywordTable<sim::world::RegistryStatus> kRegistryStatuses = {
    {"active", sim::world::RegistryStatus::Active},
    {"inactive", sim::world::RegistryStatus::Inactive},
    {"not_found", sim::world::RegistryStatus::NotFound}};

// From when a world entry holds: its `at`, or the beginning of time.
sim::Instant since(Context& context, const Section& section) {
  const auto at = section.get("at");
  if (!at) return sim::Instant{};
  return read_instant_after(context.reader, at, section.path("at"), context.start).value_or(sim::Instant{});
}

std::optional<sim::Duration> optional_duration(Context& context, const Section& section, std::string_view key) {
  const auto node = section.get(key);
  if (!node) return std::nullopt;
  return read_duration(context.reader, node, section.path(key));
}

void read_dns(Context& context, const YAML::Node& node, const std::string& path, sim::world::Dns& dns) {
  Reader& reader = context.reader;
  const Section s(reader, node, "dns", path);
  sim::world::DnsZoneSettings defaults;
  if (const auto v = s.get("defaults")) {
    const Section d(reader, v, "zone_settings", s.path("defaults"));
    if (const auto delay = optional_duration(context, d, "propagation_delay")) defaults.propagation_delay = *delay;
    if (const auto ttl = optional_duration(context, d, "negative_ttl")) defaults.negative_ttl = *ttl;
  }
  dns = sim::world::Dns(defaults);
  if (const auto zones = s.get("zones")) {
    for_each_item(reader, zones, s.path("zones"), [&](const YAML::Node& item, const std::string& item_path) {
      if (item.IsScalar()) {
        reported(reader, item, [&] { dns.add_zone(item.Scalar(), item_path); });
        return;
      }
      const Section z(reader, item, "zone", item_path);
      const auto apex = read_string(reader, z.require("apex"), z.path("apex"));
      sim::world::DnsZoneSettings settings = defaults;
      if (const auto delay = optional_duration(context, z, "propagation_delay")) settings.propagation_delay = *delay;
      if (const auto ttl = optional_duration(context, z, "negative_ttl")) settings.negative_ttl = *ttl;
      if (apex) reported(reader, item, [&] { dns.add_zone(*apex, settings, item_path); });
    });
  }
  if (const auto records = s.get("records")) {
    for_each_item(reader, records, s.path("records"), [&](const YAML::Node& item, const std::string& item_path) {
      const Section r(reader, item, "dns_record", item_path);
      const sim::Instant at = since(context, r);
      if (auto record = read_dns_record(context, r)) {
        reported(reader, item, [&] { dns.add_record(at, std::move(*record), item_path); });
      }
    });
  }
  if (const auto failures = s.get("failures")) {
    for_each_item(reader, failures, s.path("failures"), [&](const YAML::Node& item, const std::string& item_path) {
      const Section f(reader, item, "dns_failure", item_path);
      if (!f.ok()) return;
      const auto failure = read_keyword<sim::world::DnsFailure>(
          reader, f.require("failure"), f.path("failure"),
          {{"servfail", sim::world::DnsFailure::ServFail}, {"timeout", sim::world::DnsFailure::Timeout}});
      const auto from = read_instant_after(reader, f.require("from"), f.path("from"), context.start);
      const auto until = read_instant_after(reader, f.require("until"), f.path("until"), context.start);
      if (f.has("name") == f.has("zone")) {
        reader.error(item, item_path + ": give exactly one of name (one name fails) or zone (every name in it)");
        return;
      }
      const bool whole_zone = f.has("zone");
      const auto target =
          read_string(reader, f.get(whole_zone ? "zone" : "name"), f.path(whole_zone ? "zone" : "name"));
      if (!failure || !from || !until || !target) return;
      if (*until <= *from) {
        reader.error(f.get("until"), f.path("until") + ": must be after from");
        return;
      }
      reported(reader, item, [&] {
        if (whole_zone) {
          dns.add_zone_failure(*target, *failure, *from, *until, item_path);
        } else {
          dns.add_name_failure(*target, *failure, *from, *until, item_path);
        }
      });
    });
  }
}

void read_web(Context& context, const YAML::Node& node, const std::string& path, sim::world::Web& web) {
  Reader& reader = context.reader;
  const Section s(reader, node, "web", path);
  if (const auto hosts = s.get("hosts")) {
    for_each_item(reader, hosts, s.path("hosts"), [&](const YAML::Node& item, const std::string& item_path) {
      const Section h(reader, item, "web_host", item_path);
      const sim::Instant at = since(context, h);
      const auto host = read_string(reader, h.require("host"), h.path("host"));
      const auto behaviour = read_behaviour(context, h);
      auto schemes = std::vector<sim::world::Scheme>{sim::world::Scheme::Http, sim::world::Scheme::Https};
      if (const auto scheme = h.get("scheme")) {
        const auto chosen =
            read_keyword<int>(reader, scheme, h.path("scheme"), {{"http", 0}, {"https", 1}, {"both", 2}});
        if (!chosen) return;
        if (*chosen != 2) schemes = {*chosen == 0 ? sim::world::Scheme::Http : sim::world::Scheme::Https};
      }
      if (!host || !behaviour) return;
      reported(reader, item, [&] {
        for (const auto scheme : schemes) web.set_host(at, scheme, *host, *behaviour, item_path);
      });
    });
  }
  if (const auto paths = s.get("paths")) {
    for_each_item(reader, paths, s.path("paths"), [&](const YAML::Node& item, const std::string& item_path) {
      const Section p(reader, item, "web_path", item_path);
      const sim::Instant at = since(context, p);
      const auto url = read_string(reader, p.require("url"), p.path("url"));
      const auto behaviour = read_behaviour(context, p);
      if (url && behaviour) reported(reader, item, [&] { web.set_path(at, *url, *behaviour, item_path); });
    });
  }
  if (const auto https_only = s.get("https_only")) {
    for_each_item(reader, https_only, s.path("https_only"), [&](const YAML::Node& item, const std::string& item_path) {
      const Section h(reader, item, "https_only", item_path);
      const sim::Instant at = since(context, h);
      const auto host = read_string(reader, h.require("host"), h.path("host"));
      const auto mode = read_https_only(context, h, false);
      if (host && mode) reported(reader, item, [&] { web.set_https_only(at, *host, *mode, item_path); });
    });
  }
  if (const auto blocks = s.get("region_blocks")) {
    for_each_item(reader, blocks, s.path("region_blocks"), [&](const YAML::Node& item, const std::string& item_path) {
      const Section b(reader, item, "region_block", item_path);
      const sim::Instant at = since(context, b);
      const auto host = read_string(reader, b.require("host"), b.path("host"));
      const auto region = read_string(reader, b.require("home_region"), b.path("home_region"));
      sim::world::RegionBlock block{region.value_or(""), WebBehaviour::timeout()};
      if (const auto abroad = b.get("abroad")) {
        const Section a(reader, abroad, "behaviour", b.path("abroad"));
        const auto behaviour = read_behaviour(context, a);
        if (!behaviour) return;
        block.abroad = *behaviour;
      }
      if (host && region) reported(reader, item, [&] { web.block_abroad(at, *host, block, item_path); });
    });
  }
}

void read_organizations(Context& context, const YAML::Node& node, const std::string& path,
                        sim::world::OrganizationRegistry& registry) {
  Reader& reader = context.reader;
  for_each_item(reader, node, path, [&](const YAML::Node& item, const std::string& item_path) {
    const Section o(reader, item, "organization", item_path);
    if (!o.ok()) return;
    const std::size_t before = reader.error_count();
    sim::world::Organization organization;
    const auto text = [&](std::string_view key, std::string& target, bool required) {
      const auto value = required ? o.require(key) : o.get(key);
      if (value) target = read_string(reader, value, o.path(key)).value_or("");
    };
    text("legal_name", organization.legal_name, true);
    text("registration_number", organization.registration_number, true);
    text("country", organization.jurisdiction.country, true);
    text("state", organization.jurisdiction.state_or_province, false);
    text("locality", organization.jurisdiction.locality, false);
    text("address", organization.address, false);
    text("directory_phone", organization.directory_phone, false);
    text("applicant_phone", organization.applicant_phone, false);
    if (const auto date = read_date(reader, o.require("registration_date"), o.path("registration_date"))) {
      organization.registration_date = *date;
    }
    if (const auto category = o.get("category")) {
      if (const auto name = read_string(reader, category, o.path("category"))) {
        reported(reader, category,
                 [&] { organization.category = sim::world::parse_business_category(*name, o.path("category")); });
      }
    }
    if (const auto v = o.get("operational_existence_evidence")) {
      organization.operational_existence_evidence =
          read_bool(reader, v, o.path("operational_existence_evidence")).value_or(false);
    }
    if (const auto v = o.get("signer_authority_confirmed")) {
      organization.signer_authority_confirmed =
          read_bool(reader, v, o.path("signer_authority_confirmed")).value_or(false);
    }
    auto status = sim::world::RegistryStatus::Active;
    if (const auto v = o.get("status"))
      status = read_keyword(reader, v, o.path("status"), kRegistryStatuses).value_or(status);
    std::string id = organization.registration_number;
    if (const auto v = o.get("id")) id = read_string(reader, v, o.path("id")).value_or(id);
    if (reader.error_count() != before) return;
    if (!reported(reader, item, [&] { registry.add(organization, status, item_path); })) return;
    if (context.organizations.contains(id)) {
      reader.error(o.get("id") ? o.get("id") : item,
                   fmt::format("{}: organization id '{}' is used twice", item_path, id));
    }
    context.organizations.emplace(id, organization);
    if (const auto changes = o.get("status_changes")) {
      for_each_item(reader, changes, o.path("status_changes"),
                    [&](const YAML::Node& change, const std::string& change_path) {
                      const Section c(reader, change, "status_change", change_path);
                      const auto at = read_instant_after(reader, c.require("at"), c.path("at"), context.start);
                      const auto to = read_keyword(reader, c.require("status"), c.path("status"), kRegistryStatuses);
                      if (at && to) {
                        reported(reader, change,
                                 [&] { registry.set_status(organization.registration_number, *at, *to, change_path); });
                      }
                    });
    }
  });
}

std::optional<sim::world::PhoneAnswer> read_answer(Context& context, const YAML::Node& node, const std::string& path) {
  Reader& reader = context.reader;
  if (node && node.IsScalar()) {
    const auto result = read_keyword(reader, node, path, kCallResults);
    if (result == CallResult::CallBack) {
      reader.error(node,
                   path + ": call_back needs a time: {result: call_back, after: 2h} or {result: call_back, at: I}");
      return std::nullopt;
    }
    if (!result) return std::nullopt;
    return sim::world::PhoneAnswer{*result};
  }
  const Section a(reader, node, "call_answer", path);
  if (!a.ok()) return std::nullopt;
  const auto result = read_keyword(reader, a.require("result"), a.path("result"), kCallResults);
  if (!result) return std::nullopt;
  if (*result != CallResult::CallBack) {
    if (a.has("after") || a.has("at")) reader.error(node, path + ": only call_back takes after or at");
    return sim::world::PhoneAnswer{*result};
  }
  if (a.has("after") == a.has("at")) {
    reader.error(node, path + ": call_back needs exactly one of after (a duration after the call) or at (an instant)");
    return std::nullopt;
  }
  if (const auto after = a.get("after")) {
    const auto delay = read_duration(reader, after, a.path("after"));
    if (!delay) return std::nullopt;
    return sim::world::PhoneAnswer::call_back_after(*delay);
  }
  const auto at = read_instant(reader, a.get("at"), a.path("at"));
  if (!at) return std::nullopt;
  return sim::world::PhoneAnswer::call_back_at(*at);
}

}  // namespace

std::optional<sim::world::DnsRecord> read_dns_record(Context& context, const Section& section) {
  Reader& reader = context.reader;
  if (!section.ok()) return std::nullopt;
  const std::size_t before = reader.error_count();
  sim::world::DnsRecord record;
  record.name = read_string(reader, section.require("name"), section.path("name")).value_or("");
  record.type = read_keyword(reader, section.require("type"), section.path("type"), kDnsTypes).value_or(DnsType::TXT);
  record.value = read_string(reader, section.require("value"), section.path("value")).value_or("");
  if (const auto ttl = section.get("ttl"))
    record.ttl = read_duration(reader, ttl, section.path("ttl")).value_or(record.ttl);
  const auto flags = section.get("flags");
  const auto tag = section.get("tag");
  if (record.type == DnsType::CAA) {
    if (flags)
      record.caa_flags =
          static_cast<std::uint8_t>(read_integer(reader, flags, section.path("flags"), 0, 255).value_or(0));
    if (const auto text = read_string(reader, section.require("tag"), section.path("tag"))) {
      record.caa_tag = *text;
      for (char& c : record.caa_tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  } else if ((flags || tag) && section.has("type")) {
    reader.error(flags ? flags : tag, section.path(flags ? "flags" : "tag") + ": only CAA records take flags and tag");
  }
  if (reader.error_count() != before) return std::nullopt;
  return record;
}

std::optional<std::optional<sim::world::HttpsOnly>> read_https_only(Context& context, const Section& section,
                                                                    bool allow_off) {
  using sim::world::HttpsOnly;
  const auto node = section.get("mode");
  if (!node) return std::optional<HttpsOnly>(HttpsOnly::RedirectHttp);
  KeywordTable<std::optional<HttpsOnly>> modes{{"redirect_http", HttpsOnly::RedirectHttp},
                                               {"refuse_http", HttpsOnly::RefuseHttp}};
  if (allow_off) modes.emplace_back("off", std::nullopt);
  return read_keyword(context.reader, node, section.path("mode"), modes);
}

std::optional<WebBehaviour> read_behaviour(Context& context, const Section& section) {
  Reader& reader = context.reader;
  if (!section.ok()) return std::nullopt;
  using Kind = WebBehaviour::Kind;
  Kind kind = Kind::Respond;
  if (const auto k = section.get("kind")) {
    const auto read = read_keyword<Kind>(reader, k, section.path("kind"),
                                         {{"respond", Kind::Respond},
                                          {"redirect", Kind::Redirect},
                                          {"redirect_to_https", Kind::RedirectToHttps},
                                          {"timeout", Kind::Timeout},
                                          {"connection_refused", Kind::ConnectionRefused}});
    if (!read) return std::nullopt;
    kind = *read;
  }
  WebBehaviour behaviour{kind, kind == Kind::Redirect ? 302 : kind == Kind::RedirectToHttps ? 301 : 200, {}, {}};
  if (kind == Kind::Timeout || kind == Kind::ConnectionRefused) behaviour.status = 0;
  const std::size_t before = reader.error_count();
  if (const auto status = section.get("status")) {
    if (kind == Kind::Timeout || kind == Kind::ConnectionRefused) {
      reader.error(status, section.path("status") + ": a timeout or a refused connection has no status");
    } else {
      behaviour.status = static_cast<int>(read_integer(reader, status, section.path("status"), 100, 599).value_or(0));
    }
  }
  if (const auto body = section.get("body")) {
    if (kind != Kind::Respond) reader.error(body, section.path("body") + ": only kind respond has a body");
    behaviour.body = read_string(reader, body, section.path("body")).value_or("");
  }
  if (kind == Kind::Redirect) {
    behaviour.location = read_string(reader, section.require("location"), section.path("location")).value_or("");
  } else if (const auto location = section.get("location")) {
    reader.error(location, section.path("location") + ": only kind redirect has a location");
  }
  if (reader.error_count() != before) return std::nullopt;
  return behaviour;
}

namespace {

// A line's answers: exactly one of answer, script (with then) or distribution.
std::optional<sim::world::PhoneLine> read_phone_answers(Context& context, const Section& section) {
  Reader& reader = context.reader;
  if (!section.ok()) return std::nullopt;
  const int forms = int{section.has("answer")} + int{section.has("script")} + int{section.has("distribution")};
  if (forms != 1) {
    reader.error(section.node(), section.path() + ": give exactly one of answer, script or distribution");
    return std::nullopt;
  }
  if (section.has("then") && !section.has("script")) {
    reader.error(section.get("then"), section.path("then") + ": only a script has then");
  }
  const std::size_t before = reader.error_count();
  if (const auto answer = section.get("answer")) {
    const auto read = read_answer(context, answer, section.path("answer"));
    if (!read) return std::nullopt;
    return sim::world::PhoneLine::always(*read);
  }
  if (const auto script = section.get("script")) {
    std::vector<sim::world::PhoneAnswer> answers;
    for_each_item(reader, script, section.path("script"), [&](const YAML::Node& item, const std::string& item_path) {
      if (const auto read = read_answer(context, item, item_path)) answers.push_back(*read);
    });
    if (script.IsSequence() && script.size() == 0)
      reader.error(script, section.path("script") + ": expected at least one answer");
    sim::world::ScriptEnd end = sim::world::ScriptEnd::repeat_last();
    if (const auto then = section.get("then")) {
      if (!(then.IsScalar() && sim::world::same_keyword(then.Scalar(), "repeat_last"))) {
        if (const auto read = read_answer(context, then, section.path("then")))
          end = sim::world::ScriptEnd::answer(*read);
      }
    }
    if (reader.error_count() != before) return std::nullopt;
    return sim::world::PhoneLine::scripted(std::move(answers), end);
  }
  std::vector<sim::world::WeightedAnswer> weighted;
  for_each_item(reader, section.get("distribution"), section.path("distribution"),
                [&](const YAML::Node& item, const std::string& item_path) {
                  const Section w(reader, item, "weighted_answer", item_path);
                  const auto answer = read_answer(context, w.require("answer"), w.path("answer"));
                  double weight = 1;
                  if (const auto v = w.get("weight"))
                    weight = read_number(reader, v, w.path("weight"), 0, 1e12).value_or(1);
                  if (answer) weighted.push_back({*answer, weight});
                });
  if (reader.error_count() != before) return std::nullopt;
  return sim::world::PhoneLine::weighted(std::move(weighted));
}

}  // namespace

std::optional<sim::world::PhoneLine> read_phone_line(Context& context, const Section& section) {
  auto line = read_phone_answers(context, section);
  if (const auto hours = section.get("hours"); hours && line) {
    line->hours = read_calendar(context, hours, section.path("hours"));
    if (!line->hours) return std::nullopt;
  }
  return line;
}

void load_world(Context& context, const YAML::Node& node, sim::world::World& world) {
  Reader& reader = context.reader;
  const Section s(reader, node, "world", "world");
  if (const auto v = s.get("dns")) read_dns(context, v, s.path("dns"), world.dns);
  if (const auto v = s.get("web")) read_web(context, v, s.path("web"), world.web);
  if (const auto v = s.get("organizations")) read_organizations(context, v, s.path("organizations"), world.registry);
  if (const auto phones = s.get("phones")) {
    for_each_item(reader, phones, s.path("phones"), [&](const YAML::Node& item, const std::string& item_path) {
      const Section p(reader, item, "phone", item_path);
      const sim::Instant at = since(context, p);
      const auto number = read_string(reader, p.require("number"), p.path("number"));
      auto line = read_phone_line(context, p);
      if (number && line)
        reported(reader, item, [&] { world.phones.set_line(*number, at, std::move(*line), item_path); });
    });
  }
  if (const auto hosted = s.get("hosted_domains")) {
    for_each_item(reader, hosted, s.path("hosted_domains"), [&](const YAML::Node& item, const std::string& item_path) {
      if (const auto domain = read_string(reader, item, item_path)) {
        reported(reader, item, [&] { world.hosted.add(*domain, item_path); });
      }
    });
  }
}

}  // namespace casim::scenario::detail
