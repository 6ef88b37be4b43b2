// _ConstantPredictor: the estimator the multiclass meta-estimators fit on a one-class column.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/multiclass.py
// (_ConstantPredictor.predict, decision_function: np.repeat(y_, n); predict_proba:
// np.repeat([np.hstack([1 - y_, y_])], n, axis=0); unchanged in 1.4.2).

#include <cstring>

#include "estimators/multiclass/internal.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

ConstantPredictor::ConstantPredictor(NdArray y, std::int64_t n_features_in) : y_(std::move(y)) {
  // fit stores the one unique value of the column (np.unique(y) of length 1).
  if (y_.ndim() != 1 || y_.size() != 1 || !y_.is_numeric())
    throw ValidationError("_ConstantPredictor: y_ must be a 1-element numeric array");
  set_type_name("sklearn.multiclass._ConstantPredictor");
  set_n_features_in(n_features_in);
}

NdArray ConstantPredictor::rows(Method m, std::int64_t n) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  if (m == Method::PredictProba) {
    const double y = y_.to_vector<double>().front();
    Matrix p(n, 2);
    p.col(0).setConstant(1.0 - y);
    p.col(1).setConstant(y);
    return to_ndarray(p);
  }
  // np.repeat keeps y_'s dtype.
  const std::size_t isz = y_.dtype().itemsize();
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(n) * isz);
  for (std::int64_t i = 0; i < n; ++i)
    std::memcpy(bytes.data() + static_cast<std::size_t>(i) * isz, y_.bytes(), isz);
  return NdArray(y_.dtype(), {n}, ByteView::adopt(std::move(bytes)));
}

NdArray ConstantPredictor::run(Method m, const MatrixView& X) const {
  // _validate_data(force_all_finite=False, dtype=None): the column count only.
  check_input(X);
  return rows(m, X.rows());
}

NdArray ConstantPredictor::on_table(Method m, const Table& X) const {
  check_table_columns(X);
  return rows(m, static_cast<std::int64_t>(X.n_rows()));
}

}  // namespace skops::estimators

namespace skops::estimators::detail::multiclass {

std::unique_ptr<ConstantPredictor> build_constant_predictor(const ObjectView& obj) {
  const ValueView yv = obj.at("y_");
  const NdArray y = detail::numpy_array(yv, "y_");
  if (y.ndim() != 1 || y.size() != 1 || !y.is_numeric())
    yv.fail("y_ must be a 1-element numeric array");
  auto est = detail::located(obj, [&] {
    return std::make_unique<ConstantPredictor>(y, detail::optional_n_features(obj));
  });
  est->set_original_state(obj.state());
  return est;
}

void save_constant_predictor(const ConstantPredictor& est, ObjectWriter& w) {
  w.set_array("y_", est.y());
  if (est.n_features_in() >= 0) w.set_int("n_features_in_", est.n_features_in());
}

}  // namespace skops::estimators::detail::multiclass
