// Reading a certificate request from bytes: PEM or DER, the kind of object given (a certificate
// or a private key instead of a CSR), truncation, and data before or after the request.
#pragma once

#include <string_view>
#include <vector>

#include "casim/mockca/csr_intake.hpp"
#include "casim/mockca/openssl.hpp"

namespace casim::mockca {

struct DecodedRequest {
  ossl::X509Req request;          // null when nothing readable is a request
  std::vector<Finding> findings;  // format findings, also when a request was read
};

// Finds and parses the one request in `bytes`; never throws for bad content.
DecodedRequest decode_request(std::string_view bytes);

}  // namespace casim::mockca
