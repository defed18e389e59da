// OpenSSL's error queue as text.
#include "casim/mockca/openssl.hpp"

#include <openssl/err.h>

namespace casim::mockca::ossl {

std::string drain_errors() {
  std::string text;
  unsigned long code = 0;
  while ((code = ERR_get_error()) != 0) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    if (!text.empty()) text += "; ";
    text += buffer;
  }
  return text;
}

}  // namespace casim::mockca::ossl
