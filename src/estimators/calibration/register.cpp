// sklearn.calibration: CalibratedClassifierCV (calibrated_classifier_cv.cpp).
// _CalibratedClassifier and _SigmoidCalibration are read by its builder, not registered:
// registering them would trust them by default, which Python skops does not.

#include "estimators/builtins.hpp"
#include "estimators/calibration/internal.hpp"

namespace skops::estimators {

void register_calibration(TypeRegistry& reg) {
  using namespace detail::calibration;
  reg.add<CalibratedClassifierCV>("sklearn.calibration.CalibratedClassifierCV",
                                  build_calibrated_classifier_cv, save_calibrated_classifier_cv);
}

}  // namespace skops::estimators
