// ConvRequest validation and normalisation.
#include "core/conv_request.hpp"

#include <cmath>
#include <string>

#include "core/error.hpp"

namespace convis {

void ConvRequest::validate() const {
    if (!std::isfinite(divisor)) {
        throw InputError("divisor is not a finite number");
    }
    if (divisor == 0.0f) {
        throw InputError(
            "divisor is 0: use a non-zero divisor (a zero-sum kernel cannot be "
            "normalised)");
    }
    if (!std::isfinite(offset)) {
        throw InputError("offset is not a finite number");
    }
    if (std::fabs(offset) > 1.0e6f) {
        throw InputError("offset exceeds 1e6 in magnitude");
    }
}

void ConvRequest::normalise() {
    const float total = kernel.sum();
    if (std::fabs(total) < 1e-6f) {
        throw InputError(
            "cannot normalise: the kernel weights sum to zero; set a divisor or an "
            "offset instead");
    }
    divisor = total;
}

}  // namespace convis
