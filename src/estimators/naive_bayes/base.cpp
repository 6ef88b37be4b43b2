// _BaseNB's output methods (sklearn/naive_bayes.py, predict/predict_log_proba/predict_proba
// of _BaseNB; identical in scikit-learn 1.2.1 and 1.4.2).

#include <cmath>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/naive_bayes/internal.hpp"
#include "skops/error.hpp"

namespace skops::estimators::detail::naive_bayes {

bool supports(Method m) noexcept {
  return m == Method::Predict || m == Method::PredictProba || m == Method::PredictLogProba;
}

NdArray output(const Estimator& est, Method m, const Matrix& jll, const NdArray& classes) {
  if (!supports(m)) {
    throw UnsupportedError(est.type_name() + ": " + to_string(m) + " is not available");
  }
  if (m == Method::Predict) return detail::take_labels(classes, detail::argmax_rows(jll));
  const Eigen::VectorXd lse = detail::logsumexp_rows(jll);
  Matrix out = jll;
  for (Eigen::Index i = 0; i < out.rows(); ++i) {
    for (Eigen::Index j = 0; j < out.cols(); ++j) {
      out(i, j) -= lse(i);
      if (m == Method::PredictProba) out(i, j) = std::exp(out(i, j));
    }
  }
  return to_ndarray(out);
}

}  // namespace skops::estimators::detail::naive_bayes
