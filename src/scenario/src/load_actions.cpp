// `actions:`: changes to the world at an instant (a timing after the start), each mapped onto the
// world's timelines: DNS records and CAA, web hosts and paths, phone lines, registry status.
#include <fmt/format.h>

#include "casim/sim/world/world.hpp"
#include "loader.hpp"

namespace casim::scenario::detail {
namespace {

constexpr std::string_view kActionKinds[] = {"add_record", "remove_record", "remove_records", "set_caa",
                                             "set_host",   "set_path",      "https_only",     "block_abroad",
                                             "unblock",    "phone",         "registry_status"};

void apply(Context& context, std::string_view kind, const YAML::Node& node, const std::string& path, sim::Instant at,
           sim::world::World& world) {
  Reader& reader = context.reader;
  if (kind == "add_record" || kind == "remove_record") {
    const Section r(reader, node, "record", path);
    auto record = read_dns_record(context, r);
    if (!record) return;
    reported(reader, node, [&] {
      if (kind == "add_record") {
        world.dns.add_record(at, std::move(*record), path);
      } else {
        world.dns.remove_record(at, std::move(*record), path);
      }
    });
  } else if (kind == "remove_records") {
    const Section r(reader, node, "remove_records", path);
    const auto name = read_string(reader, r.require("name"), r.path("name"));
    const auto type = read_string(reader, r.require("type"), r.path("type"));
    if (name && type) {
      reported(reader, node,
               [&] { world.dns.remove_records(at, *name, sim::world::parse_dns_type(*type, r.path("type")), path); });
    }
  } else if (kind == "set_caa") {
    const Section c(reader, node, "set_caa", path);
    const auto name = read_string(reader, c.require("name"), c.path("name"));
    std::vector<sim::world::DnsRecord> records;
    for_each_item(reader, c.require("records"), c.path("records"),
                  [&](const YAML::Node& item, const std::string& item_path) {
                    const Section e(reader, item, "caa_entry", item_path);
                    std::uint8_t flags = 0;
                    if (const auto f = e.get("flags"))
                      flags = static_cast<std::uint8_t>(read_integer(reader, f, e.path("flags"), 0, 255).value_or(0));
                    const auto tag = read_string(reader, e.require("tag"), e.path("tag"));
                    const auto value = read_string(reader, e.require("value"), e.path("value"));
                    sim::Duration ttl = sim::world::kDefaultDnsTtl;
                    if (const auto t = e.get("ttl")) ttl = read_duration(reader, t, e.path("ttl")).value_or(ttl);
                    if (name && tag && value)
                      records.push_back(sim::world::DnsRecord::caa(*name, flags, *tag, *value, ttl));
                  });
    if (!name) return;
    reported(reader, node, [&] {
      world.dns.remove_records(at, *name, sim::world::DnsType::CAA, path);
      for (auto& record : records) world.dns.add_record(at, std::move(record), path);
    });
  } else if (kind == "set_host") {
    const Section h(reader, node, "host_answer", path);
    const auto host = read_string(reader, h.require("host"), h.path("host"));
    const auto behaviour = read_behaviour(context, h);
    auto schemes = std::vector<sim::world::Scheme>{sim::world::Scheme::Http, sim::world::Scheme::Https};
    if (const auto scheme = h.get("scheme")) {
      const auto chosen = read_keyword<int>(reader, scheme, h.path("scheme"), {{"http", 0}, {"https", 1}, {"both", 2}});
      if (!chosen) return;
      if (*chosen != 2) schemes = {*chosen == 0 ? sim::world::Scheme::Http : sim::world::Scheme::Https};
    }
    if (host && behaviour) {
      reported(reader, node, [&] {
        for (const auto scheme : schemes) world.web.set_host(at, scheme, *host, *behaviour, path);
      });
    }
  } else if (kind == "set_path") {
    const Section p(reader, node, "path_answer", path);
    const auto url = read_string(reader, p.require("url"), p.path("url"));
    const auto behaviour = read_behaviour(context, p);
    if (url && behaviour) reported(reader, node, [&] { world.web.set_path(at, *url, *behaviour, path); });
  } else if (kind == "https_only") {
    const Section h(reader, node, "https_only_change", path);
    const auto host = read_string(reader, h.require("host"), h.path("host"));
    const auto mode = read_https_only(context, h, true);
    if (host && mode) reported(reader, node, [&] { world.web.set_https_only(at, *host, *mode, path); });
  } else if (kind == "block_abroad") {
    const Section b(reader, node, "region_block_change", path);
    const auto host = read_string(reader, b.require("host"), b.path("host"));
    const auto region = read_string(reader, b.require("home_region"), b.path("home_region"));
    sim::world::RegionBlock block{region.value_or(""), sim::world::WebBehaviour::timeout()};
    if (const auto abroad = b.get("abroad")) {
      const Section a(reader, abroad, "behaviour", b.path("abroad"));
      const auto behaviour = read_behaviour(context, a);
      if (!behaviour) return;
      block.abroad = *behaviour;
    }
    if (host && region) reported(reader, node, [&] { world.web.block_abroad(at, *host, block, path); });
  } else if (kind == "unblock") {
    const Section u(reader, node, "unblock", path);
    const auto host = read_string(reader, u.require("host"), u.path("host"));
    if (host) reported(reader, node, [&] { world.web.unblock(at, *host, path); });
  } else if (kind == "phone") {
    const Section p(reader, node, "phone_change", path);
    const auto number = read_string(reader, p.require("number"), p.path("number"));
    auto line = read_phone_line(context, p);
    if (number && line) reported(reader, node, [&] { world.phones.set_line(*number, at, std::move(*line), path); });
  } else if (kind == "registry_status") {
    const Section r(reader, node, "registry_status", path);
    const auto id = read_string(reader, r.require("organization"), r.path("organization"));
    const auto status = read_string(reader, r.require("status"), r.path("status"));
    if (!id || !status) return;
    const auto found = context.organizations.find(*id);
    if (found == context.organizations.end()) {
      reader.error(r.get("organization"),
                   fmt::format("{}: no organization '{}' in world.organizations", r.path("organization"), *id));
      return;
    }
    reported(reader, node, [&] {
      world.registry.set_status(found->second.registration_number, at,
                                sim::world::parse_registry_status(*status, r.path("status")), path);
    });
  }
}

}  // namespace

void load_actions(Context& context, const YAML::Node& node, sim::world::World& world) {
  Reader& reader = context.reader;
  for_each_item(reader, node, "actions", [&](const YAML::Node& item, const std::string& path) {
    const Section action(reader, item, "action", path);
    if (!action.ok()) return;
    const auto at = read_instant_after(reader, action.require("at"), action.path("at"), context.start);
    std::vector<std::string_view> kinds;
    for (const auto kind : kActionKinds) {
      if (action.has(kind)) kinds.push_back(kind);
    }
    if (kinds.size() != 1) {
      reader.error(item, fmt::format("{}: expected `at` and exactly one of {}", path,
                                     "add_record, remove_record, remove_records, set_caa, set_host, set_path, "
                                     "https_only, block_abroad, unblock, phone, registry_status"));
      return;
    }
    if (at) apply(context, kinds.front(), action.get(kinds.front()), action.path(kinds.front()), *at, world);
  });
}

}  // namespace casim::scenario::detail
