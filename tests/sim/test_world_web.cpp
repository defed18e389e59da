// The simulated web: each kind of answer over time, per-path overrides, blocking of validators
// abroad, HTTPS-only hosts, URL parsing and the trace description of a host.
#include <algorithm>

#include <boost/test/unit_test.hpp>

#include "casim/sim/error.hpp"
#include "casim/sim/world/web.hpp"
#include "printers.hpp"

BOOST_AUTO_TEST_SUITE(test_world_web)


using namespace casim::sim;
using namespace casim::sim::world;
using namespace std::chrono_literals;

namespace {

const Instant kT0 = parse_instant("2026-03-02T09:00:00Z");
const Perspective kHome{"cn-east", "CN"};
const Perspective kAbroad{"us-west", "US"};
const std::string kFile = "http://example.com/.well-known/pki-validation/fileauth.txt";

}  // namespace

BOOST_AUTO_TEST_CASE(each_answer_kind_in_turn) {
  Web web;
  web.set_host(kT0, Scheme::Http, "example.com", WebBehaviour::not_found());
  web.set_host(kT0 + 1h, Scheme::Http, "example.com", WebBehaviour::content("token-123"));
  web.set_host(kT0 + 2h, Scheme::Http, "example.com", WebBehaviour::server_error(503));
  web.set_host(
      kT0 + 3h, Scheme::Http, "example.com",
      WebBehaviour::redirect(302, "https://www.example.com/.well-known/pki-validation/fileauth.txt"));
  web.set_host(kT0 + 4h, Scheme::Http, "example.com", WebBehaviour::timeout());
  web.set_host(kT0 + 5h, Scheme::Http, "example.com", WebBehaviour::connection_refused());

  BOOST_TEST(web.fetch(kFile, kT0 - 1s, kHome).error == WebError::ConnectionRefused);  // nothing yet
  const WebResponse missing = web.fetch(kFile, kT0, kHome);
  BOOST_TEST(missing.error == WebError::None);
  BOOST_TEST(missing.status == 404);
  const WebResponse found = web.fetch(kFile, kT0 + 1h, kHome);
  BOOST_TEST(found.status == 200);
  BOOST_TEST(found.body == "token-123");
  BOOST_TEST(web.fetch(kFile, kT0 + 2h, kHome).status == 503);
  const WebResponse moved = web.fetch(kFile, kT0 + 3h, kHome);
  BOOST_TEST(moved.is_redirect());
  BOOST_TEST(moved.status == 302);
  BOOST_TEST(moved.location == "https://www.example.com/.well-known/pki-validation/fileauth.txt");
  BOOST_TEST(web.fetch(kFile, kT0 + 4h, kHome).error == WebError::Timeout);
  BOOST_TEST(web.fetch(kFile, kT0 + 5h, kHome).error == WebError::ConnectionRefused);
  // The other scheme was never configured: refused. An unconfigured host: unknown.
  BOOST_TEST(web.fetch("https://example.com/x", kT0 + 1h, kHome).error == WebError::ConnectionRefused);
  BOOST_TEST(web.fetch("http://example.org/x", kT0 + 1h, kHome).error == WebError::UnknownHost);
}

BOOST_AUTO_TEST_CASE(an_exact_path_overrides_the_host_wide_answer) {
  Web web;
  web.set_host(kT0, Scheme::Https, "example.com", WebBehaviour::respond(200, "<html>home</html>"));
  web.set_path(kT0 + 1h, "https://EXAMPLE.com/.well-known/pki-validation/fileauth.txt",
               WebBehaviour::content("token"));
  const std::string file = "https://example.com/.well-known/pki-validation/fileauth.txt";
  BOOST_TEST(web.fetch(file, kT0, kHome).body == "<html>home</html>");  // before the path's first change
  BOOST_TEST(web.fetch(file, kT0 + 1h, kHome).body == "token");
  BOOST_TEST(web.fetch("https://example.com/index.html", kT0 + 1h, kHome).body == "<html>home</html>");
}

// A path given by scheme, host and path serves as the same URL given whole; a path that is not
// one (no leading '/', a space, a control character, a fragment) is an input error naming where.
BOOST_AUTO_TEST_CASE(a_path_given_in_parts_serves_as_the_whole_url) {
  Web web;
  web.set_host(kT0, Scheme::Http, "example.com", WebBehaviour::not_found());
  web.set_path(kT0 + 1h, Scheme::Http, "Example.COM", "/.well-known/pki-validation/fileauth.txt",
               WebBehaviour::content("token"));
  BOOST_TEST(web.fetch(kFile, kT0 + 1h, kHome).body == "token");
  BOOST_TEST(web.fetch("https://example.com/.well-known/pki-validation/fileauth.txt", kT0 + 1h, kHome).error ==
             WebError::ConnectionRefused);  // nothing listens on the other scheme
  for (const char* bad : {"", "fileauth.txt", "/a b", "/a\tb", "/a#b"}) {
    try {
      web.set_path(kT0, Scheme::Http, "example.com", bad, WebBehaviour::content("x"), "order o1");
      BOOST_ERROR("path '" << bad << "' was accepted");
    } catch (const casim::InputError& error) {
      BOOST_TEST(error.where() == "order o1");
    }
  }
  BOOST_CHECK_THROW(web.set_path(kT0, Scheme::Http, "exa mple.com", "/", WebBehaviour::content("x")),
                    casim::InputError);
}

BOOST_AUTO_TEST_CASE(blocked_abroad_answers_only_the_home_region) {
  Web web;
  web.set_host(kT0, Scheme::Http, "example.com", WebBehaviour::content("token"));
  BOOST_TEST(!web.blocks_by_region());  // validators may check from one region for all
  web.block_abroad(kT0 + 1h, "example.com", RegionBlock{"CN", WebBehaviour::timeout()});
  web.block_abroad(kT0 + 2h, "example.com", RegionBlock{"CN", WebBehaviour::respond(403, "Forbidden")});
  web.unblock(kT0 + 3h, "example.com");
  BOOST_TEST(web.blocks_by_region());  // an unblocked host was still blocked before

  BOOST_TEST(web.fetch(kFile, kT0, kAbroad).body == "token");
  BOOST_TEST(web.fetch(kFile, kT0 + 1h, kHome).body == "token");
  BOOST_TEST(web.fetch(kFile, kT0 + 1h, kAbroad).error == WebError::Timeout);
  BOOST_TEST(web.fetch(kFile, kT0 + 2h, kAbroad).status == 403);
  BOOST_TEST(web.fetch(kFile, kT0 + 2h, kHome).status == 200);
  BOOST_TEST(web.fetch(kFile, kT0 + 3h, kAbroad).body == "token");
}

BOOST_AUTO_TEST_CASE(https_only_redirects_or_refuses_http) {
  Web web;
  web.set_host(kT0, Scheme::Https, "example.com", WebBehaviour::content("token"));
  web.set_host(kT0, Scheme::Http, "example.com", WebBehaviour::not_found());
  web.set_https_only(kT0 + 1h, "example.com", HttpsOnly::RedirectHttp);
  web.set_https_only(kT0 + 2h, "example.com", HttpsOnly::RefuseHttp);

  BOOST_TEST(web.fetch(kFile, kT0, kHome).status == 404);
  const WebResponse redirected = web.fetch(kFile + "?x=1", kT0 + 1h, kHome);
  BOOST_TEST(redirected.status == 301);
  BOOST_TEST(redirected.location == "https://example.com/.well-known/pki-validation/fileauth.txt?x=1");
  BOOST_TEST(web.fetch(redirected.location, kT0 + 1h, kHome).body == "token");
  BOOST_TEST(web.fetch(kFile, kT0 + 2h, kHome).error == WebError::ConnectionRefused);
  BOOST_TEST(
      web.fetch("https://example.com/.well-known/pki-validation/fileauth.txt", kT0 + 2h, kHome).status ==
      200);
}

// Issue 17, defect 6: the file uploaded over http (its own path answer) stays unseen while the
// host is https only, and is seen again once https only ends.
BOOST_AUTO_TEST_CASE(https_only_beats_a_path_of_its_own) {
  Web web;
  web.set_host(kT0, Scheme::Http, "example.com", WebBehaviour::not_found());
  web.set_https_only(kT0, "example.com", HttpsOnly::RedirectHttp);
  web.set_path(kT0 + 1h, kFile, WebBehaviour::content("token"));
  web.set_https_only(kT0 + 2h, "example.com", std::nullopt);

  const WebResponse during = web.fetch(kFile, kT0 + 1h, kHome);
  BOOST_TEST(during.status == 301);
  BOOST_TEST(during.location == "https://example.com/.well-known/pki-validation/fileauth.txt");
  BOOST_TEST(web.fetch(kFile, kT0 + 2h, kHome).body == "token");
  const auto described = web.describe("example.com");
  BOOST_TEST(std::any_of(described.begin(), described.end(), [](const std::string& line) {
    return line.find("https only, whatever a path answers") != std::string::npos;
  }));
}

BOOST_AUTO_TEST_CASE(non_standard_ports_are_refused) {
  Web web;
  web.set_host(kT0, Scheme::Http, "example.com", WebBehaviour::content("token"));
  BOOST_TEST(web.fetch("http://example.com:8080/x", kT0, kHome).error == WebError::ConnectionRefused);
  BOOST_TEST(web.fetch("http://example.com:80/x", kT0, kHome).status == 200);
}

BOOST_AUTO_TEST_CASE(urls_parse_and_bad_ones_are_input_errors) {
  const Url url = parse_url("HTTPS://Www.Example.COM.:8443/a/b?c=d#frag");
  BOOST_TEST(url.scheme == Scheme::Https);
  BOOST_TEST(url.host == "www.example.com");
  BOOST_TEST(url.port == 8443);
  BOOST_TEST(url.path == "/a/b?c=d");
  BOOST_TEST(url.to_string() == "https://www.example.com:8443/a/b?c=d");
  BOOST_TEST(parse_url("http://example.com").path == "/");
  for (const char* bad : {"example.com/x", "ftp://example.com/", "http://", "http://user@example.com/",
                          "http://example.com:0/", "http://example.com:99999/", "http://exa mple.com/",
                          "http://example..com/"}) {
    BOOST_CHECK_THROW(parse_url(bad), casim::InputError);
  }
  Web web;
  try {
    web.set_host(kT0, Scheme::Http, "example.com", WebBehaviour::redirect(301, "not a url"),
                 "web.yaml:3:7");
    BOOST_ERROR("a redirect to a bad URL was accepted");
  } catch (const casim::InputError& error) {
    BOOST_TEST(error.where() == "web.yaml:3:7");
  }
  BOOST_CHECK_THROW(
      web.set_host(kT0, Scheme::Http, "example.com", WebBehaviour::redirect(200, "http://a.com/")),
      casim::InputError);
  BOOST_CHECK_THROW(web.set_host(kT0, Scheme::Http, "example.com", WebBehaviour::respond(600)),
                    casim::InputError);
  BOOST_CHECK_THROW(web.block_abroad(kT0, "example.com", RegionBlock{"", WebBehaviour::timeout()}),
                    casim::InputError);
  BOOST_CHECK_THROW(web.fetch("nonsense", kT0, kHome), casim::InputError);
}

BOOST_AUTO_TEST_CASE(configuration_is_described_for_traces) {
  Web web;
  web.set_host(kT0 + 1h, Scheme::Https, "example.com", WebBehaviour::content("token"));
  web.set_host(kT0, Scheme::Http, "example.com", WebBehaviour::redirect(301, "https://example.com/"));
  web.block_abroad(kT0 + 2h, "example.com", RegionBlock{"CN", WebBehaviour::timeout()});
  web.set_host(kT0, Scheme::Http, "b.example.net", WebBehaviour::not_found());
  BOOST_TEST(web.hosts() == (std::vector<std::string>{"b.example.net", "example.com"}));
  const std::vector<std::string> expected{
      "from 2026-03-02T09:00:00Z: http://example.com/* → 301 → https://example.com/",
      "from 2026-03-02T10:00:00Z: https://example.com/* → 200, 5 bytes \"token\"",
      "from 2026-03-02T11:00:00Z: example.com: only region CN answered, others get timeout"};
  BOOST_TEST(web.describe("Example.com") == expected, boost::test_tools::per_element());
  BOOST_TEST(describe(web.fetch("https://example.com/", kT0 + 1h, kHome)) == "200, 5 bytes \"token\"");
  BOOST_TEST(describe(web.fetch("https://example.com/", kT0, kHome)) == "connection refused");
}

BOOST_AUTO_TEST_SUITE_END()  // test_world_web
