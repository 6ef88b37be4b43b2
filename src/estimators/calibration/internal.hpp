#pragma once
// The builder and writer of sklearn.calibration's CalibratedClassifierCV
// (calibrated_classifier_cv.cpp), registered in register.cpp.

#include <memory>

#include "skops/estimators/calibration.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops::estimators::detail::calibration {

std::unique_ptr<CalibratedClassifierCV> build_calibrated_classifier_cv(const ObjectView& obj);
void save_calibrated_classifier_cv(const CalibratedClassifierCV& est, ObjectWriter& w);

}  // namespace skops::estimators::detail::calibration
