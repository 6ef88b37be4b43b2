// Unit tests of sklearn.calibration: CalibratedClassifierCV (src/estimators/calibration/),
// on the zoo's wrapper models of both versions.

#include "zoo_wrappers.hpp"

#include "skops/estimators/calibration.hpp"

namespace {

const char* const kVersions[] = {"sklearn-1.2.1", "sklearn-1.4.2"};

TEST(CalibratedClassifierCV, IsotonicOnRandomForestMatchesScikitLearn) {
  for (const char* v : kVersions)
    zoo_wrappers::check_zoo_model(v, "wrap_calibrated_forest_isotonic",
                                  "sklearn.calibration.CalibratedClassifierCV");
}

TEST(CalibratedClassifierCV, SigmoidOnLinearSVCMatchesScikitLearn) {
  for (const char* v : kVersions)
    zoo_wrappers::check_zoo_model(v, "wrap_calibrated_linearsvc_sigmoid",
                                  "sklearn.calibration.CalibratedClassifierCV");
}

TEST(CalibratedClassifierCV, CalibratorTypesAreNotTrustedByDefault) {
  for (const char* v : kVersions) {
    const std::string base =
        zoo_wrappers::ts::data_path(std::string("zoo/") + v + "/wrap_calibrated_linearsvc_sigmoid");
    EXPECT_THROW(skops::load(base + ".skops"), skops::UntrustedTypeError);
  }
}

}  // namespace
