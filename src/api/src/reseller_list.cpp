// DescribeCertificates: every certificate bought or uploaded, filtered (SearchKey, CertificateStatus,
// CertificateType, FilterSource, CertIds), newest first or by expiry (ExpirationSort), one page of
// Limit from Offset, each in DescribeCertificateDetail's fields; TotalCount counts every match.
#include <algorithm>

#include "casim/api/reseller_api.hpp"
#include "certificate.hpp"
#include "param_reader.hpp"

namespace casim::api {
namespace {

constexpr std::int64_t kDefaultLimit = 10;
constexpr std::int64_t kMaxLimit = 1000;  // a larger Limit is read as 1000, as the real API does

enum class Source { Upload, Buy };
constexpr Source kSources[] = {Source::Upload, Source::Buy};
std::string_view source_name(Source source) { return source == Source::Upload ? "upload" : "buy"; }

enum class Sort { Asc, Desc };
constexpr Sort kSorts[] = {Sort::Asc, Sort::Desc};
std::string_view sort_name(Sort sort) { return sort == Sort::Asc ? "ASC" : "DESC"; }

const std::string_view kTypes[] = {"SVR", "CA"};
std::string_view same(std::string_view text) { return text; }

bool contains(const nlohmann::json& text, std::string_view key) {
  return text.is_string() && text.get_ref<const std::string&>().find(key) != std::string::npos;
}

bool matches_search(const nlohmann::json& detail, std::string_view key) {
  if (contains(detail["CertificateId"], key) || contains(detail["Alias"], key) || contains(detail["Domain"], key)) {
    return true;
  }
  const nlohmann::json& others = detail["SubjectAltName"];
  return std::any_of(others.begin(), others.end(), [&](const nlohmann::json& name) { return contains(name, key); });
}

}  // namespace

ResellerApi::Reply ResellerApi::describe_all(detail::ParamReader& params, const CallContext&, CallAnswer&) {
  const std::int64_t offset = params.integer("Offset", 0, INT64_MAX).value_or(0);
  const std::int64_t limit = std::min(params.integer("Limit", 1, INT64_MAX).value_or(kDefaultLimit), kMaxLimit);
  const std::string search = params.string("SearchKey").value_or("");
  const auto statuses = params.integers("CertificateStatus");
  const auto type = params.choice<std::string_view>("CertificateType", kTypes, same);
  const auto source = params.choice<Source>("FilterSource", kSources, source_name);
  const auto ids = params.strings("CertIds");
  const auto sort = params.choice<Sort>("ExpirationSort", kSorts, sort_name);
  if (!params.ok()) return *params.error();

  std::vector<nlohmann::json> found;
  for (auto each = certificates_.rbegin(); each != certificates_.rend(); ++each) {  // newest first
    const Certificate& certificate = **each;
    if (source && (source == Source::Upload) != certificate.upload.has_value()) continue;
    if (ids && std::find(ids->begin(), ids->end(), certificate.id) == ids->end()) continue;
    auto detail = detail_of(certificate);
    if (!detail) return detail.error();
    nlohmann::json& fields = detail.value();
    if (type && fields["CertificateType"] != *type) continue;
    if (statuses && std::find(statuses->begin(), statuses->end(), fields["Status"].get<std::int64_t>()) ==
                        statuses->end()) {
      continue;
    }
    if (!search.empty() && !matches_search(fields, search)) continue;
    found.push_back(std::move(fields));
  }
  if (sort) {
    // "YYYY-MM-DD HH:MM:SS" sorts as text; certificates not issued yet (null) come last either way.
    std::stable_sort(found.begin(), found.end(), [&](const nlohmann::json& a, const nlohmann::json& b) {
      const nlohmann::json& x = a["CertEndTime"];
      const nlohmann::json& y = b["CertEndTime"];
      if (x.is_null() || y.is_null()) return !x.is_null() && y.is_null();
      return *sort == Sort::Asc ? x < y : y < x;
    });
  }
  nlohmann::json page = nlohmann::json::array();
  const auto total = static_cast<std::int64_t>(found.size());
  for (std::int64_t i = offset; i < total && i - offset < limit; ++i) {
    page.push_back(std::move(found[static_cast<std::size_t>(i)]));
  }
  return nlohmann::json{{"TotalCount", total}, {"Certificates", std::move(page)}};
}

}  // namespace casim::api
