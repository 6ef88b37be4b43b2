#include "native_models/models.hpp"

namespace skops::native_models {

void add_discriminant_analysis(Models& out, const Fixtures& f, const std::string& version) {
  (void)version;
  const auto& coef3 = f.coef3;
  const auto& int_classes = f.int_classes;
  const auto& nb = f.nb;
  const auto& coef_bin = f.coef_bin;
  out.emplace_back("LinearDiscriminantAnalysis",
                   estimators::LinearDiscriminantAnalysis::from_arrays(
                       int_classes, coef3, vec({9.0, 2.1, -11.1}),
                       matrix({0.8, 0.1, 1.5, -0.9, -2.2, 0.4, -2.6, 2.7}, 4, 2),
                       vec({5.8, 3.0, 3.8, 1.2}), 2, "svd", vec({0.3, 0.3, 0.4}),
                       matrix({5.0, 3.4, 1.5, 0.2, 5.9, 2.8, 4.3, 1.3, 6.6, 3.0, 5.6, 2.0}, 3, 4)));
  out.emplace_back(
      "LinearDiscriminantAnalysis_lsqr_binary",
      estimators::LinearDiscriminantAnalysis::from_arrays(
          NdArray::from_strings({"no", "yes"}, {2}), coef_bin, vec({-3.0}), {}, {}, -1, "lsqr"));

  // --- QDA ----------------------------------------------------------------------------------
  estimators::QDAParams qda;
  qda.classes = int_classes;
  qda.means = nb.theta;
  qda.priors = vec({0.3, 0.3, 0.4});
  qda.scalings = {vec({0.2, 0.1, 0.05, 0.02}), vec({0.4, 0.2, 0.1, 0.05}),
                  vec({0.5, 0.3, 0.15, 0.08})};
  const NdArray identity4 =
      matrix({1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}, 4, 4);  // orthonormal bases
  const NdArray givens = matrix({0.6, -0.8, 0, 0, 0.8, 0.6, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}, 4, 4);
  const NdArray swap = matrix({0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1}, 4, 4);
  qda.rotations = {identity4, givens, swap};
  out.emplace_back("QuadraticDiscriminantAnalysis",
                   estimators::QuadraticDiscriminantAnalysis::from_arrays(qda));
}

}  // namespace skops::native_models
