// Validity and data-reuse limits on each side of every Baseline Requirements date boundary.
#include <boost/test/unit_test.hpp>

#include "casim/mockca/validity_policy.hpp"

BOOST_AUTO_TEST_SUITE(test_validity_policy)

namespace {

using casim::sim::Instant;
using casim::sim::kSecond;
using casim::sim::parse_instant;
namespace mockca = casim::mockca;

Instant at(const char* text) { return parse_instant(text); }

}  // namespace

BOOST_AUTO_TEST_CASE(max_validity_changes_exactly_at_each_boundary) {
  BOOST_TEST(mockca::max_validity_days(at("2018-01-01")) == 825);
  BOOST_TEST(mockca::max_validity_days(at("2020-08-31T23:59:59Z")) == 825);
  BOOST_TEST(mockca::max_validity_days(at("2020-09-01T00:00:00Z")) == 398);
  BOOST_TEST(mockca::max_validity_days(at("2026-03-14T23:59:59Z")) == 398);
  BOOST_TEST(mockca::max_validity_days(at("2026-03-15T00:00:00Z")) == 200);
  BOOST_TEST(mockca::max_validity_days(at("2027-03-14T23:59:59Z")) == 200);
  BOOST_TEST(mockca::max_validity_days(at("2027-03-15T00:00:00Z")) == 100);
  BOOST_TEST(mockca::max_validity_days(at("2029-03-14T23:59:59Z")) == 100);
  BOOST_TEST(mockca::max_validity_days(at("2029-03-15T00:00:00Z")) == 47);
  BOOST_TEST(mockca::max_validity_days(at("2040-01-01")) == 47);
}

BOOST_AUTO_TEST_CASE(boundaries_are_utc_midnight) {
  // 2026-03-15T07:59 in China (UTC+8) is still 2026-03-14 in UTC.
  BOOST_TEST(mockca::max_validity_days(at("2026-03-15T07:59:59+08:00")) == 398);
  BOOST_TEST(mockca::max_validity_days(at("2026-03-15T08:00:00+08:00")) == 200);
}

BOOST_AUTO_TEST_CASE(domain_validation_reuse_by_date) {
  BOOST_TEST(mockca::domain_reuse_days(at("2026-03-14T23:59:59Z")) == 398);
  BOOST_TEST(mockca::domain_reuse_days(at("2026-03-15T00:00:00Z")) == 200);
  BOOST_TEST(mockca::domain_reuse_days(at("2027-03-14T23:59:59Z")) == 200);
  BOOST_TEST(mockca::domain_reuse_days(at("2027-03-15T00:00:00Z")) == 100);
  BOOST_TEST(mockca::domain_reuse_days(at("2029-03-14T23:59:59Z")) == 100);
  BOOST_TEST(mockca::domain_reuse_days(at("2029-03-15T00:00:00Z")) == 10);
}

BOOST_AUTO_TEST_CASE(organization_data_reuse_by_date) {
  using mockca::ValidationLevel;
  BOOST_TEST(mockca::organization_reuse_days(at("2020-01-01"), ValidationLevel::OV) == 825);
  BOOST_TEST(mockca::organization_reuse_days(at("2026-03-14T23:59:59Z"), ValidationLevel::OV) == 825);
  BOOST_TEST(mockca::organization_reuse_days(at("2026-03-15T00:00:00Z"), ValidationLevel::OV) == 398);
  BOOST_TEST(mockca::organization_reuse_days(at("2030-01-01"), ValidationLevel::OV) == 398);
}

// Issue 17, defect 8: EV data is reusable for 398 days, also while OV data had 825.
BOOST_AUTO_TEST_CASE(ev_data_reuse_is_398_days_whatever_the_date) {
  using mockca::ValidationLevel;
  BOOST_TEST(mockca::organization_reuse_days(at("2020-01-01"), ValidationLevel::EV) == 398);
  BOOST_TEST(mockca::organization_reuse_days(at("2026-03-14T23:59:59Z"), ValidationLevel::EV) == 398);
  BOOST_TEST(mockca::organization_reuse_days(at("2030-01-01"), ValidationLevel::EV) == 398);
}

BOOST_AUTO_TEST_CASE(validity_is_inclusive_of_both_ends) {
  // 200 days from 2026-03-15T00:00:00Z cover up to and including 2026-09-30T23:59:59Z.
  BOOST_TEST(casim::sim::format_instant(mockca::validity_end(at("2026-03-15"), 200)) == "2026-09-30T23:59:59Z");
  BOOST_TEST((mockca::validity_end(at("2026-01-01T12:00:00Z"), 1) == at("2026-01-02T11:59:59Z")));
  // The span notBefore..notAfter plus the last second is exactly the validity in days.
  const auto end = mockca::validity_end(at("2026-03-15"), 200);
  BOOST_TEST(((end - at("2026-03-15") + kSecond) == casim::sim::kDay * 200));
  BOOST_CHECK_THROW(mockca::validity_end(at("2026-03-15"), 0), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()  // test_validity_policy
