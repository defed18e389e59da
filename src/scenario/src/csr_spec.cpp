// Reading `csr:` and making each order's CSR input (csr_spec.hpp).
#include "csr_spec.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "casim/mockca/csr_intake.hpp"
#include "casim/mockca/files.hpp"
#include "casim/scenario/bad_csr.hpp"
#include "input_guard.hpp"

namespace casim::scenario::detail {
namespace {

std::optional<GeneratedCsr> read_generate(Context& context, const YAML::Node& node, const std::string& path) {
  Reader& reader = context.reader;
  const Section g(reader, node, "generate", path);
  if (!g.ok()) return std::nullopt;
  GeneratedCsr csr;
  const std::size_t before = reader.error_count();
  if (const auto algorithm = g.get("algorithm")) {
    csr.key.algorithm = read_keyword<mockca::KeyAlgorithm>(reader, algorithm, g.path("algorithm"),
                                                           {{"ecc", mockca::KeyAlgorithm::Ecc},
                                                            {"ecdsa", mockca::KeyAlgorithm::Ecc},
                                                            {"rsa", mockca::KeyAlgorithm::Rsa}})
                            .value_or(mockca::KeyAlgorithm::Ecc);
  }
  const bool rsa = csr.key.algorithm == mockca::KeyAlgorithm::Rsa;
  if (const auto curve = g.get("curve")) {
    if (rsa) reader.error(curve, g.path("curve") + ": only ecc keys have a curve (rsa takes key_size)");
    csr.key.curve = read_keyword<std::string>(reader, curve, g.path("curve"), {{"P-256", "P-256"}, {"P-384", "P-384"}})
                        .value_or(csr.key.curve);
  }
  if (const auto size = g.get("key_size")) {
    if (!rsa) reader.error(size, g.path("key_size") + ": only rsa keys have a key_size (ecc takes curve)");
    const auto bits = read_integer(reader, size, g.path("key_size"), 0, 16384);
    if (bits && *bits != 2048 && *bits != 3072 && *bits != 4096) {
      reader.error(size,
                   fmt::format("{}: {} bits is not offered (expected 2048, 3072 or 4096)", g.path("key_size"), *bits));
    } else if (bits) {
      csr.key.rsa_bits = static_cast<int>(*bits);
    }
  }
  if (const auto password = g.get("password")) csr.password = read_string(reader, password, g.path("password"));
  if (reader.error_count() != before) return std::nullopt;
  return csr;
}

// A pasted CSR the intake cannot even read is most likely a slip (an unreadable CSR on purpose is
// `bad: not-a-csr` or `bad: truncated`): lint says so where the CSR is written, not only at the
// expectation the rejection then fails.
void warn_if_unreadable(Reader& reader, const YAML::Node& node, const std::string& path, const std::string& text) {
  const mockca::IntakeVerdict verdict = mockca::check_csr(text);
  if (verdict.verdict != mockca::IntakeVerdict::Verdict::Unreadable || verdict.findings.empty()) return;
  const mockca::Finding& finding = verdict.findings.front();
  reader.warn(node, fmt::format("{}: the intake cannot read this CSR ({}: {}); the order will be rejected",
                                path, mockca::info(finding.reason).code, finding.message));
}

}  // namespace

std::optional<CsrSpec> read_csr(Context& context, const YAML::Node& node, const std::string& path) {
  Reader& reader = context.reader;
  const Section s(reader, node, "csr", path);
  if (!s.ok()) return std::nullopt;
  if (s.node().size() != 1) {
    reader.error(node, path + ": expected exactly one of generate, pem, file or bad");
    return std::nullopt;
  }
  if (const auto generate = s.get("generate")) {
    if (generate.IsNull()) return GeneratedCsr{};
    const auto csr = read_generate(context, generate, s.path("generate"));
    if (!csr) return std::nullopt;
    return *csr;
  }
  if (const auto pem = s.get("pem")) {
    const auto text = read_string(reader, pem, s.path("pem"));
    if (!text) return std::nullopt;
    warn_if_unreadable(reader, pem, s.path("pem"), *text);
    return PastedText{*text};
  }
  if (const auto file = s.get("file")) {
    const auto name = read_string(reader, file, s.path("file"));
    if (!name) return std::nullopt;
    const std::filesystem::path full = reader.folder(file) / *name;
    sim::InputRead read = sim::try_read_input_file(full, mockca::kCsrFile);
    if (!read.text) {
      reader.error(file, fmt::format("{}: the CSR file '{}' {}", s.path("file"), full.string(), read.why));
      return std::nullopt;
    }
    warn_if_unreadable(reader, file, s.path("file"), *read.text);
    return PastedText{std::move(*read.text)};
  }
  const auto bad = s.get("bad");
  const auto kind = read_string(reader, bad, s.path("bad"));
  if (!kind) return std::nullopt;
  const auto kinds = bad_csr_kinds();
  if (std::find(kinds.begin(), kinds.end(), *kind) == kinds.end()) {
    reader.error(bad, fmt::format("{}: unknown bad-CSR kind '{}'{}; expected one of: {}", s.path("bad"), *kind,
                                  did_you_mean(*kind, kinds), fmt::join(kinds, ", ")));
    return std::nullopt;
  }
  return BadCsr{*kind};
}

mockca::CsrInput make_csr_input(const Context& context, const CsrSpec& spec, const std::vector<std::string>& names,
                                const std::string& common_name) {
  if (const auto* generated = std::get_if<GeneratedCsr>(&spec)) {
    mockca::OnlineCsr csr;
    csr.key = generated->key;
    csr.common_name = names.empty() ? std::string{} : names.front();
    if (names.size() > 1) csr.other_names.assign(names.begin() + 1, names.end());
    csr.key_password = generated->password;
    return csr;
  }
  if (const auto* pasted = std::get_if<PastedText>(&spec)) return mockca::PastedCsr{pasted->bytes, common_name};
  const auto& bad = std::get<BadCsr>(spec);
  return mockca::PastedCsr{context.make_csrs ? make_bad_csr(bad.kind, names) : std::string{}, common_name};
}

}  // namespace casim::scenario::detail
