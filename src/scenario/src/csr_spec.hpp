// An order's `csr:` as written — generate (online), pem, file or bad — and how it becomes the
// mockca::CsrInput of each copy of the order once its names are known.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "casim/mockca/api.hpp"
#include "loader.hpp"

namespace casim::scenario::detail {

struct GeneratedCsr {
  mockca::KeySpec key;
  std::optional<std::string> password;
};
struct PastedText {
  std::string bytes;  // PEM or DER, inline or read from the file
};
struct BadCsr {
  std::string kind;  // one of bad_csr_kinds()
};

using CsrSpec = std::variant<GeneratedCsr, PastedText, BadCsr>;

std::optional<CsrSpec> read_csr(Context& context, const YAML::Node& node, const std::string& path);

// The CSR input for an order with `names` (the first is the common name) and, for pasted CSRs,
// the CertCommonName `common_name`. Bad CSRs are made only when context.make_csrs.
mockca::CsrInput make_csr_input(const Context& context, const CsrSpec& spec, const std::vector<std::string>& names,
                                const std::string& common_name);

}  // namespace casim::scenario::detail
