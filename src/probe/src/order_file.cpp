// The probe's order file: JSON checks into ProbeRequests, with file:line:column for syntax errors
// and the key's path for anything else.
#include "casim/probe/order_file.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "casim/sim/error.hpp"
#include "casim/sim/world/names.hpp"

namespace casim::probe {
namespace {

using JsonValue = nlohmann::json;

const std::set<std::string, std::less<>> kCheckKeys{"names", "method", "value", "caa", "ca_id", "scheme"};

// "line:column" of byte `offset` in `text` (1-based; columns count bytes).
std::string line_and_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const auto before = text.substr(0, offset);
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t line_start = before.rfind('\n');
  const std::size_t column = offset - (line_start == std::string_view::npos ? 0 : line_start + 1);
  return fmt::format("{}:{}", line, std::max<std::size_t>(column, 1));
}

std::vector<std::string> strings_of(const JsonValue& value, const std::string& where, bool one_allowed) {
  if (one_allowed && value.is_string()) return {value.get<std::string>()};
  const bool strings = value.is_array() && !value.empty() &&
                       std::all_of(value.begin(), value.end(), [](const JsonValue& v) { return v.is_string() && !v.get<std::string>().empty(); });
  if (!strings) throw InputError(where, "expected a non-empty list of non-empty strings");
  return value.get<std::vector<std::string>>();
}

ProbeRequest read_check(const JsonValue& check, const std::string& where) {
  if (!check.is_object()) throw InputError(where, "expected an object with names (and method, value, …)");
  for (const auto& [key, value] : check.items()) {
    if (!kCheckKeys.contains(key)) {
      throw InputError(where, fmt::format("unknown key '{}' (expected names, method, value, caa, ca_id, scheme)", key));
    }
  }
  ProbeRequest request;
  if (!check.contains("names")) throw InputError(where, "missing names");
  request.names = strings_of(check["names"], where + ".names", false);
  for (const auto& name : request.names) sim::world::checked_name(name.starts_with("*.") ? name.substr(2) : name, where + ".names");
  if (check.contains("method")) {
    if (!check["method"].is_string()) throw InputError(where + ".method", "expected DNS, DNS_AUTO, CNAME or FILE");
    set_method(request, check["method"].get<std::string>(), where + ".method");
    if (!check.contains("value")) throw InputError(where, "missing value (the customer's validation value)");
  }
  if (check.contains("value")) {
    if (!check.contains("method")) throw InputError(where + ".value", "a value needs a method");
    if (!check["value"].is_string() || check["value"].get<std::string>().empty()) {
      throw InputError(where + ".value", "expected a non-empty string");
    }
    request.value = check["value"].get<std::string>();
  }
  request.check_caa = true;
  if (check.contains("caa")) {
    if (!check["caa"].is_boolean()) throw InputError(where + ".caa", "expected true or false");
    request.check_caa = check["caa"].get<bool>();
  }
  if (!request.method && !request.check_caa) throw InputError(where, "nothing to check: give a method, or caa: true");
  if (check.contains("ca_id")) request.ca_ids = strings_of(check["ca_id"], where + ".ca_id", true);
  if (check.contains("scheme")) {
    if (!check["scheme"].is_string()) throw InputError(where + ".scheme", "expected http, https or both");
    request.schemes = parse_fetch_schemes(check["scheme"].get<std::string>(), where + ".scheme");
  }
  return request;
}

}  // namespace

void set_method(ProbeRequest& request, std::string_view text, const std::string& where) {
  if (sim::world::same_keyword(text, "CNAME")) {
    request.method = mockca::VerifyType::Dns;
    request.dns_record = mockca::DnsRecordKind::Cname;
    return;
  }
  try {
    request.method = mockca::parse_verify_type(text, where);
  } catch (const InputError&) {
    throw InputError(where, fmt::format("'{}' is not a method (DNS, DNS_AUTO, CNAME or FILE)", text));
  }
  request.dns_record = mockca::DnsRecordKind::Txt;
}

FetchSchemes parse_fetch_schemes(std::string_view text, const std::string& where) {
  if (sim::world::same_keyword(text, "both")) return FetchSchemes::Both;
  if (sim::world::same_keyword(text, "http")) return FetchSchemes::Http;
  if (sim::world::same_keyword(text, "https")) return FetchSchemes::Https;
  throw InputError(where, fmt::format("'{}' is not http, https or both", text));
}

std::vector<ProbeRequest> parse_order_file(std::string_view text, const std::filesystem::path& file) {
  JsonValue document;
  try {
    document = JsonValue::parse(text);
  } catch (const JsonValue::parse_error& error) {
    const std::string why = error.what();
    const auto detail = why.find("syntax error");
    throw InputError(fmt::format("{}:{}", file.string(), line_and_column(text, error.byte == 0 ? 0 : error.byte - 1)),
                     detail == std::string::npos ? why : why.substr(detail));
  }
  const std::string name = file.string();
  if (document.is_object()) return {read_check(document, name + ": the check")};
  if (!document.is_array() || document.empty()) {
    throw InputError(name, "expected a check (an object with names, …) or a non-empty list of them");
  }
  if (document.size() > kMaxOrderFileChecks) {
    throw InputError(name, fmt::format("{} checks, more than the {} one file may hold", document.size(), kMaxOrderFileChecks));
  }
  std::vector<ProbeRequest> requests;
  for (std::size_t i = 0; i < document.size(); ++i) requests.push_back(read_check(document[i], fmt::format("{}: [{}]", name, i)));
  return requests;
}

std::vector<ProbeRequest> read_order_file(const std::filesystem::path& file) {
  return parse_order_file(sim::read_input_file(file, kOrderFile), file);
}

}  // namespace casim::probe
