// The CA's records of issued and revoked certificates, and their JSON file.
#include "casim/mockca/ca_state.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "casim/mockca/files.hpp"
#include "casim/sim/error.hpp"
#include "casim/sim/text.hpp"

namespace casim::mockca {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

constexpr std::string_view kStateFormat = "casim-ca-state/1";

constexpr std::array kReasonNames{
    std::pair{RevocationReason::Unspecified, std::string_view("unspecified")},
    std::pair{RevocationReason::KeyCompromise, std::string_view("keyCompromise")},
    std::pair{RevocationReason::AffiliationChanged, std::string_view("affiliationChanged")},
    std::pair{RevocationReason::Superseded, std::string_view("superseded")},
    std::pair{RevocationReason::CessationOfOperation, std::string_view("cessationOfOperation")},
    std::pair{RevocationReason::PrivilegeWithdrawn, std::string_view("privilegeWithdrawn")},
};

json record_json(const IssuedRecord& record) {
  json out{{"serial", record.serial},
           {"brand", record.brand},
           {"level", level_name(record.level)},
           {"names", record.names},
           {"not_before", sim::format_instant(record.not_before)},
           {"not_after", sim::format_instant(record.not_after)}};
  if (record.revocation) {
    out["revoked"] = {{"at", sim::format_instant(record.revocation->at)},
                      {"reason", reason_name(record.revocation->reason)}};
  }
  return out;
}

IssuedRecord record_from(const json& in, const std::string& where) {
  IssuedRecord record;
  record.serial = normalize_serial(in.at("serial").get<std::string>());
  if (record.serial.empty()) throw InputError(where, "a record has a serial that is not hex");
  record.brand = in.at("brand").get<std::string>();
  const auto level = parse_level(in.at("level").get<std::string>());
  if (!level) throw InputError(where, "record " + record.serial + " has an unknown level");
  record.level = *level;
  record.names = in.at("names").get<std::vector<std::string>>();
  record.not_before = sim::parse_instant(in.at("not_before").get<std::string>(), where);
  record.not_after = sim::parse_instant(in.at("not_after").get<std::string>(), where);
  if (in.contains("revoked")) {
    const auto& revoked = in.at("revoked");
    const auto reason = parse_revocation_reason(revoked.at("reason").get<std::string>());
    if (!reason) throw InputError(where, "record " + record.serial + " has an unknown revocation reason");
    record.revocation = Revocation{sim::parse_instant(revoked.at("at").get<std::string>(), where), *reason};
  }
  return record;
}

}  // namespace

std::string_view reason_name(RevocationReason reason) {
  for (const auto& [value, name] : kReasonNames) {
    if (value == reason) return name;
  }
  return "unspecified";
}

std::optional<RevocationReason> parse_revocation_reason(std::string_view text) {
  for (const auto& [value, name] : kReasonNames) {
    if (sim::equal_ignoring_case(text, name)) return value;
  }
  return std::nullopt;
}

std::string_view revocation_reason_names() {
  return "unspecified, keyCompromise, affiliationChanged, superseded, cessationOfOperation, "
         "privilegeWithdrawn";
}

std::string normalize_serial(std::string_view text) {
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) text.remove_prefix(2);
  std::string hex;
  for (const char c : text) {
    if (c == ':') continue;
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) return "";
    hex += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (hex.empty()) return "";
  if (hex.size() % 2 != 0) hex.insert(hex.begin(), '0');
  std::size_t zeros = 0;
  while (zeros + 2 < hex.size() && hex.compare(zeros, 2, "00") == 0) zeros += 2;
  return hex.substr(zeros);
}

CaState CaState::load(const fs::path& file) {
  const std::string where = file.string();
  CaState state;
  try {
    const json root = json::parse(sim::read_input_file(file, kCaStateFile));
    if (root.at("format").get<std::string>() != kStateFormat) {
      throw InputError(where, "unknown format '" + root.at("format").get<std::string>() + "'");
    }
    for (const auto& record : root.at("issued")) {
      auto parsed = record_from(record, where);
      if (state.find(parsed.serial) != nullptr) throw InputError(where, "serial " + parsed.serial + " twice");
      state.add(std::move(parsed));
    }
    for (const auto& [issuer, number] : root.at("crl_numbers").items()) {
      state.crl_numbers_[issuer] = number.get<std::uint64_t>();
    }
  } catch (const json::exception& error) {
    throw InputError(where, std::string("malformed state file: ") + error.what());
  }
  return state;
}

void CaState::save(const fs::path& file) const {
  json issued = json::array();
  for (const auto& record : records_) issued.push_back(record_json(record));
  const json root{{"format", kStateFormat}, {"issued", issued}, {"crl_numbers", crl_numbers_}};
  write_file_atomic(file, root.dump(2) + "\n", kPrivateFileMode);
}

void CaState::reserve(std::size_t records) {
  records_.reserve(records);
  by_serial_.reserve(records);
}

void CaState::add(IssuedRecord record) {
  if (!by_serial_.emplace(record.serial, records_.size()).second) {
    throw std::logic_error("CaState::add: serial " + record.serial + " is already recorded");
  }
  records_.push_back(std::move(record));
}

IssuedRecord* CaState::find(std::string_view serial) {
  const auto it = by_serial_.find(normalize_serial(serial));
  return it == by_serial_.end() ? nullptr : &records_[it->second];
}

const IssuedRecord* CaState::find(std::string_view serial) const {
  const auto it = by_serial_.find(normalize_serial(serial));
  return it == by_serial_.end() ? nullptr : &records_[it->second];
}

std::uint64_t CaState::next_crl_number(const std::string& issuer) { return ++crl_numbers_[issuer]; }

}  // namespace casim::mockca
