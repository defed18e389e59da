// The simulated web: per-host, per-scheme behaviour timelines, region blocks, single requests.
#include "casim/sim/world/web.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "casim/sim/error.hpp"

namespace casim::sim::world {
namespace {

constexpr std::size_t kShownBody = 32;

std::size_t index(Scheme scheme) { return static_cast<std::size_t>(scheme); }

void check_behaviour(const WebBehaviour& behaviour, const std::string& where) {
  using Kind = WebBehaviour::Kind;
  const auto bad_status = [&](int low, int high) {
    return InputError(
        where, fmt::format("HTTP status {} is out of range ({} to {})", behaviour.status, low, high));
  };
  switch (behaviour.kind) {
    case Kind::Respond:
      if (behaviour.status < 100 || behaviour.status > 599) throw bad_status(100, 599);
      break;
    case Kind::Redirect:
      if (behaviour.status < 300 || behaviour.status > 399) throw bad_status(300, 399);
      parse_url(behaviour.location, where);
      break;
    case Kind::RedirectToHttps:
      if (behaviour.status < 300 || behaviour.status > 399) throw bad_status(300, 399);
      break;
    case Kind::Timeout:
    case Kind::ConnectionRefused: break;
  }
}

std::string shown_body(const std::string& body) {
  return body.size() > kShownBody ? fmt::format("\"{}…\"", body.substr(0, kShownBody))
                                  : fmt::format("\"{}\"", body);
}

WebResponse answer(const WebBehaviour& behaviour, const Url& url) {
  using Kind = WebBehaviour::Kind;
  switch (behaviour.kind) {
    case Kind::Respond: return {WebError::None, behaviour.status, behaviour.body, {}};
    case Kind::Redirect: return {WebError::None, behaviour.status, {}, behaviour.location};
    case Kind::RedirectToHttps:
      return {
          WebError::None, behaviour.status, {}, Url{Scheme::Https, url.host, 443, url.path}.to_string()};
    case Kind::Timeout: return {WebError::Timeout, 0, {}, {}};
    case Kind::ConnectionRefused: return {WebError::ConnectionRefused, 0, {}, {}};
  }
  return {WebError::ConnectionRefused, 0, {}, {}};
}

WebBehaviour https_only_behaviour(HttpsOnly mode) {
  return mode == HttpsOnly::RedirectHttp ? WebBehaviour::redirect_to_https() : WebBehaviour::connection_refused();
}

}  // namespace

std::string describe(const WebBehaviour& behaviour) {
  using Kind = WebBehaviour::Kind;
  switch (behaviour.kind) {
    case Kind::Respond:
      return fmt::format("{}, {} bytes {}", behaviour.status, behaviour.body.size(),
                         shown_body(behaviour.body));
    case Kind::Redirect: return fmt::format("{} → {}", behaviour.status, behaviour.location);
    case Kind::RedirectToHttps: return fmt::format("{} → same URL over https", behaviour.status);
    case Kind::Timeout: return "timeout";
    case Kind::ConnectionRefused: return "connection refused";
  }
  return "?";
}

std::string_view to_string(WebError error) {
  switch (error) {
    case WebError::None: return "none";
    case WebError::Timeout: return "timeout";
    case WebError::ConnectionRefused: return "connection refused";
    case WebError::UnknownHost: return "unknown host";
  }
  return "?";
}

std::string describe(const WebResponse& response) {
  if (response.error != WebError::None) return std::string(to_string(response.error));
  if (response.is_redirect()) return fmt::format("{} → {}", response.status, response.location);
  return fmt::format("{}, {} bytes {}", response.status, response.body.size(),
                     shown_body(response.body));
}

Web::Host& Web::host_entry(std::string_view host, const std::string& where) {
  return hosts_[checked_name(host, where)];
}

void Web::set_host(Instant at, Scheme scheme, std::string_view host, WebBehaviour behaviour,
                   const std::string& where) {
  check_behaviour(behaviour, where);
  host_entry(host, where).schemes[index(scheme)].every_path.set(at, std::move(behaviour));
}

void Web::set_path(Instant at, std::string_view url, WebBehaviour behaviour, const std::string& where) {
  const Url parsed = parse_url(url, where);
  if (parsed.port != default_port(parsed.scheme)) {
    throw InputError(where, fmt::format("'{}': only the scheme's standard port is served", url));
  }
  set_path(at, parsed.scheme, parsed.host, parsed.path, std::move(behaviour), where);
}

void Web::set_path(Instant at, Scheme scheme, std::string_view host, std::string_view path,
                   WebBehaviour behaviour, const std::string& where) {
  if (path.empty() || path.front() != '/' || has_space_or_control(path) || path.find('#') != std::string_view::npos) {
    throw InputError(where, fmt::format("'{}' is not a URL path (from '/', no space, control "
                                        "character or fragment)", path));
  }
  check_behaviour(behaviour, where);
  host_entry(host, where).schemes[index(scheme)].paths[std::string(path)].set(at, std::move(behaviour));
}

void Web::set_https_only(Instant at, std::string_view host, std::optional<HttpsOnly> mode,
                         const std::string& where) {
  host_entry(host, where).https_only.set(at, mode);
}

void Web::block_abroad(Instant at, std::string_view host, RegionBlock block, const std::string& where) {
  if (block.home_region.empty()) throw InputError(where, "a region block needs a home region");
  check_behaviour(block.abroad, where);
  host_entry(host, where).block.set(at, std::move(block));
  blocks_by_region_ = true;
}

void Web::unblock(Instant at, std::string_view host, const std::string& where) {
  host_entry(host, where).block.set(at, std::nullopt);
}

WebResponse Web::fetch(std::string_view url, Instant at, const Perspective& perspective) const {
  return fetch(parse_url(url, "fetch"), at, perspective);
}

WebResponse Web::fetch(const Url& url, Instant at, const Perspective& perspective) const {
  if (fetch_observer_) fetch_observer_(url);
  std::string normalized;
  const auto host = hosts_.find(normal_name_view(url.host, normalized));
  if (host == hosts_.end()) return {WebError::UnknownHost, 0, {}, {}};
  const auto* block = host->second.block.at(at);
  if (block != nullptr && block->has_value() && (*block)->home_region != perspective.region) {
    return answer((*block)->abroad, url);
  }
  if (url.port != default_port(url.scheme)) return {WebError::ConnectionRefused, 0, {}, {}};
  if (url.scheme == Scheme::Http) {
    const auto* https_only = host->second.https_only.at(at);
    if (https_only != nullptr && https_only->has_value()) return answer(https_only_behaviour(**https_only), url);
  }
  const Endpoint& endpoint = host->second.schemes[index(url.scheme)];
  const WebBehaviour* behaviour = nullptr;
  if (const auto path = endpoint.paths.find(url.path); path != endpoint.paths.end()) {
    behaviour = path->second.at(at);
  }
  if (behaviour == nullptr) behaviour = endpoint.every_path.at(at);
  return behaviour ? answer(*behaviour, url) : WebResponse{WebError::ConnectionRefused, 0, {}, {}};
}

std::vector<std::string> Web::describe(std::string_view host_name) const {
  const std::string name = normalize_name(host_name);
  const auto host = hosts_.find(name);
  if (host == hosts_.end()) return {};
  std::vector<std::pair<Instant, std::string>> lines;
  for (const Scheme scheme : {Scheme::Http, Scheme::Https}) {
    const Endpoint& endpoint = host->second.schemes[index(scheme)];
    for (const auto& entry : endpoint.every_path.entries()) {
      lines.emplace_back(entry.from, fmt::format("{}://{}/* → {}", to_string(scheme), name,
                                                 world::describe(entry.value)));
    }
    std::vector<const PathMap::value_type*> paths;
    for (const auto& path : endpoint.paths) paths.push_back(&path);
    std::sort(paths.begin(), paths.end(), [](auto* a, auto* b) { return a->first < b->first; });
    for (const auto* path : paths) {
      for (const auto& entry : path->second.entries()) {
        lines.emplace_back(entry.from, fmt::format("{}://{}{} → {}", to_string(scheme), name,
                                                   path->first, world::describe(entry.value)));
      }
    }
  }
  for (const auto& entry : host->second.https_only.entries()) {
    lines.emplace_back(entry.from, entry.value ? fmt::format("http://{}/* → {} (https only, whatever a path answers)",
                                                             name, world::describe(https_only_behaviour(*entry.value)))
                                               : fmt::format("http://{}: https only ended", name));
  }
  for (const auto& entry : host->second.block.entries()) {
    lines.emplace_back(entry.from,
                       entry.value
                           ? fmt::format("{}: only region {} answered, others get {}", name,
                                         entry.value->home_region, world::describe(entry.value->abroad))
                           : fmt::format("{}: every region answered", name));
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> described;
  for (const auto& [from, text] : lines) {
    described.push_back(fmt::format("from {}: {}", format_instant(from), text));
  }
  return described;
}

std::vector<std::string> Web::hosts() const {
  std::vector<std::string> names;
  for (const auto& host : hosts_) names.push_back(host.first);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace casim::sim::world
