// The simulated web: what each host answers over time, per scheme (for every path or for one
// exact path), and which hosts answer only validators in their home region. The world answers
// single requests; following redirects is the validator's policy.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casim/sim/string_map.hpp"
#include "casim/sim/time.hpp"
#include "casim/sim/world/names.hpp"
#include "casim/sim/world/perspective.hpp"
#include "casim/sim/world/timeline.hpp"
#include "casim/sim/world/url.hpp"

namespace casim::sim::world {

// What an endpoint does with a request.
struct WebBehaviour {
  enum class Kind { Respond, Redirect, RedirectToHttps, Timeout, ConnectionRefused };
  Kind kind = Kind::Respond;
  int status = 200;      // Respond: 100–599; Redirect and RedirectToHttps: 300–399
  std::string body;      // Respond only
  std::string location;  // Redirect only: an absolute http(s) URL

  static WebBehaviour content(std::string body) { return {Kind::Respond, 200, std::move(body), {}}; }
  static WebBehaviour respond(int status, std::string body = {}) {
    return {Kind::Respond, status, std::move(body), {}};
  }
  static WebBehaviour not_found() { return respond(404); }
  static WebBehaviour server_error(int status = 500) { return respond(status); }
  static WebBehaviour redirect(int status, std::string target) {
    return {Kind::Redirect, status, {}, std::move(target)};
  }
  // To the same host and path over https.
  static WebBehaviour redirect_to_https(int status = 301) {
    return {Kind::RedirectToHttps, status, {}, {}};
  }
  static WebBehaviour timeout() { return {Kind::Timeout, 0, {}, {}}; }
  static WebBehaviour connection_refused() { return {Kind::ConnectionRefused, 0, {}, {}}; }

  friend bool operator==(const WebBehaviour&, const WebBehaviour&) = default;
};

// For traces: `200, 34 bytes "…"`, `302 → https://…`, `timeout`, …
std::string describe(const WebBehaviour& behaviour);

// Why a request got no HTTP answer. UnknownHost: nothing is configured for the host at all.
enum class WebError { None, Timeout, ConnectionRefused, UnknownHost };
std::string_view to_string(WebError error);

struct WebResponse {
  WebError error = WebError::None;
  int status = 0;  // when error is None
  std::string body;
  std::string location;  // 3xx: the Location header, an absolute URL

  bool is_redirect() const { return error == WebError::None && status >= 300 && status < 400; }
};

std::string describe(const WebResponse& response);

// How a host answers perspectives outside its home region.
struct RegionBlock {
  std::string home_region;
  WebBehaviour abroad = WebBehaviour::timeout();
};

enum class HttpsOnly { RedirectHttp, RefuseHttp };

class Web {
 public:
  // From `at` on, scheme://host answers every path with `behaviour` (except paths given their own
  // behaviour with set_path).
  void set_host(Instant at, Scheme scheme, std::string_view host, WebBehaviour behaviour,
                const std::string& where = "web host");
  // From `at` on, this exact URL (scheme, host, path with query) answers with `behaviour`.
  void set_path(Instant at, std::string_view url, WebBehaviour behaviour,
                const std::string& where = "web path");
  // The same for `path` (from '/', with any query, no fragment) on scheme://host.
  void set_path(Instant at, Scheme scheme, std::string_view host, std::string_view path,
                WebBehaviour behaviour, const std::string& where = "web path");
  // From `at` on, http://host redirects every path to https (301) or refuses connections,
  // whatever its paths answer; std::nullopt: http answers as configured again.
  void set_https_only(Instant at, std::string_view host, std::optional<HttpsOnly> mode,
                      const std::string& where = "web host");
  // From `at` on, perspectives outside `block.home_region` get `block.abroad` instead.
  void block_abroad(Instant at, std::string_view host, RegionBlock block,
                    const std::string& where = "web host");
  // From `at` on, the host answers every perspective again.
  void unblock(Instant at, std::string_view host, const std::string& where = "web host");
  // Whether any host was ever given a region block: until then every perspective gets the same
  // answers.
  bool blocks_by_region() const { return blocks_by_region_; }

  // One request, answered at once (the caller accounts for the time a timeout takes). A host with
  // nothing configured gives UnknownHost; a scheme or path with nothing in force at `at`, or a port
  // other than the scheme's default, gives ConnectionRefused. Throws InputError for a URL that does
  // not parse.
  WebResponse fetch(std::string_view url, Instant at, const Perspective& perspective) const;
  WebResponse fetch(const Url& url, Instant at, const Perspective& perspective) const;

  // Called with every URL fetch() is asked for, before it is answered: how `casim probe` learns
  // which requests the checks need. An empty function (the default) costs one test per fetch.
  using FetchObserver = std::function<void(const Url& url)>;
  void set_fetch_observer(FetchObserver observer) { fetch_observer_ = std::move(observer); }

  // What was configured for a host, one line per change in instant order, for traces.
  std::vector<std::string> describe(std::string_view host) const;
  // Every configured host, sorted.
  std::vector<std::string> hosts() const;

 private:
  using PathMap = StringMap<Timeline<WebBehaviour>>;
  struct Endpoint {
    Timeline<WebBehaviour> every_path;
    PathMap paths;
  };
  struct Host {
    std::array<Endpoint, 2> schemes;  // indexed by Scheme
    Timeline<std::optional<HttpsOnly>> https_only;  // overrides every http answer while set
    Timeline<std::optional<RegionBlock>> block;
  };

  Host& host_entry(std::string_view host, const std::string& where);

  StringMap<Host> hosts_;
  bool blocks_by_region_ = false;
  FetchObserver fetch_observer_;
};

}  // namespace casim::sim::world
