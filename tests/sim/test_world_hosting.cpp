// Hosted domains: which names the platform's own DNS serves (DNS_AUTO), by ancestor look-up.
#include <boost/test/unit_test.hpp>

#include "casim/sim/error.hpp"
#include "casim/sim/world/hosting.hpp"

BOOST_AUTO_TEST_SUITE(test_world_hosting)

using namespace casim::sim::world;

BOOST_AUTO_TEST_CASE(names_at_or_below_a_hosted_domain_are_hosted) {
  HostedDomains hosted;
  hosted.add("Example.com.");
  hosted.add("shop.example.net");
  BOOST_TEST(hosted.size() == 2);

  BOOST_TEST(hosted.is_hosted("example.com"));
  BOOST_TEST(hosted.is_hosted("_dnsauth.WWW.example.com"));
  BOOST_TEST(hosted.hosting_zone("_dnsauth.www.example.com").value() == "example.com");
  BOOST_TEST(hosted.hosting_zone("a.shop.example.net").value() == "shop.example.net");
  // Not an ancestor: a parent of a hosted zone, a sibling, a name that only ends alike.
  BOOST_TEST(!hosted.is_hosted("example.net"));
  BOOST_TEST(!hosted.is_hosted("www.example.net"));
  BOOST_TEST(!hosted.is_hosted("badexample.com"));
  BOOST_TEST(!hosted.hosting_zone("example.org").has_value());
}

BOOST_AUTO_TEST_CASE(the_closest_hosted_ancestor_wins) {
  HostedDomains hosted;
  hosted.add("example.com");
  hosted.add("eu.example.com");
  BOOST_TEST(hosted.hosting_zone("www.eu.example.com").value() == "eu.example.com");
  BOOST_TEST(hosted.hosting_zone("www.us.example.com").value() == "example.com");
}

BOOST_AUTO_TEST_CASE(bad_names_are_input_errors) {
  HostedDomains hosted;
  BOOST_CHECK_THROW(hosted.add("", "hosting.yaml:1:1"), casim::InputError);
  BOOST_CHECK_THROW(hosted.add("*.example.com"), casim::InputError);
  BOOST_CHECK_THROW(hosted.add("exa mple.com"), casim::InputError);
}

BOOST_AUTO_TEST_SUITE_END()  // test_world_hosting
