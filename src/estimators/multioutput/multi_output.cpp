// MultiOutputRegressor / MultiOutputClassifier.predict: each target's estimator, side by side.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/multioutput.py
// (_MultiOutputEstimator.predict: np.asarray([e.predict(X) for e in estimators_]).T;
// unchanged in 1.4.2).

#include <algorithm>
#include <cstring>

#include "estimators/multioutput/internal.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

MultiOutput::MultiOutput(std::vector<EstimatorPtr> estimators, bool classifier,
                         std::string type_name)
    : estimators_(std::move(estimators)), classifier_(classifier) {
  if (estimators_.empty()) throw ValidationError("MultiOutput: estimators_ is empty");
  for (const auto& e : estimators_) {
    if (!e || !e->supports(Method::Predict))
      throw ValidationError("MultiOutput: every estimator must predict");
    if (e->n_features_in() != estimators_.front()->n_features_in())
      throw ValidationError("MultiOutput: the estimators differ in n_features_in_");
  }
  set_type_name(std::move(type_name));
  set_n_features_in(estimators_.front()->n_features_in());
  if (!estimators_.front()->feature_names_in().empty())
    set_feature_names_in(estimators_.front()->feature_names_in());
}

NdArray MultiOutput::stack(std::vector<NdArray> cols) const {
  const std::int64_t n = cols.front().ndim() == 1 ? cols.front().dim(0) : -1;
  bool same = true, all_unicode = true, all_numeric = true;
  std::uint64_t width = 0;
  for (const auto& c : cols) {
    if (c.ndim() != 1 || c.dim(0) != n)
      throw UnsupportedError(type_name() + ": an estimator predicted a " +
                             std::to_string(c.ndim()) + "-d array; 1-d of n rows is needed");
    same = same && c.dtype() == cols.front().dtype();
    all_unicode = all_unicode && c.dtype().kind() == DTypeKind::Unicode;
    all_numeric = all_numeric && c.is_numeric();
    width = std::max<std::uint64_t>(width, c.dtype().itemsize());
  }
  const auto k = static_cast<std::int64_t>(cols.size());
  if (!same && all_numeric) {
    // numpy's promotion of mixed numeric labels is float64 for the mixes seen in practice
    // (int64 with float64); computed through float64 here.
    Matrix m(n, k);
    for (std::int64_t j = 0; j < k; ++j) {
      const Matrix c = to_matrix(NdArray(cols[j].dtype(), {n, 1}, cols[j].view()));
      m.col(j) = c.col(0);
    }
    return to_ndarray(m);
  }
  if (!same && !all_unicode)
    throw UnsupportedError(type_name() + ": the estimators' predictions have different dtypes");
  const DType d = same ? cols.front().dtype() : DType::unicode(width / 4);
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(n * k) * d.itemsize(), 0);
  for (std::int64_t j = 0; j < k; ++j) {
    const std::uint64_t isz = cols[j].dtype().itemsize();
    for (std::int64_t i = 0; i < n; ++i) {
      std::memcpy(bytes.data() + static_cast<std::size_t>(i * k + j) * d.itemsize(),
                  cols[j].bytes() + static_cast<std::size_t>(i) * isz, isz);
    }
  }
  return NdArray(d, {n, k}, ByteView::adopt(std::move(bytes)));
}

bool MultiOutput::supports(Method m) const noexcept {
  if (m == Method::Predict) return true;
  // MultiOutputClassifier._check_predict_proba: every estimator has predict_proba.
  if (m != Method::PredictProba || !classifier_) return false;
  return std::all_of(estimators_.begin(), estimators_.end(),
                     [](const EstimatorPtr& e) { return e->supports(Method::PredictProba); });
}

void MultiOutput::refuse(Method m) const {
  if (supports(m)) {
    throw UnsupportedError(type_name() + "." + to_string(m) +
                           " returns a list of arrays (one per output): use run_list");
  }
  throw UnsupportedError(type_name() + " has no method " + std::string(to_string(m)));
}

NdArray MultiOutput::run(Method m, const MatrixView& X) const {
  if (m != Method::Predict) refuse(m);
  std::vector<NdArray> cols;
  for (const auto& e : estimators_) cols.push_back(e->run(Method::Predict, X));
  return stack(std::move(cols));
}

NdArray MultiOutput::on_table(Method m, const Table& X) const {
  if (m != Method::Predict) refuse(m);
  std::vector<NdArray> cols;
  for (const auto& e : estimators_) cols.push_back(e->run_table(Method::Predict, X));
  return stack(std::move(cols));
}

// MultiOutputClassifier.predict_proba: [e.predict_proba(X) for e in estimators_].
std::vector<NdArray> MultiOutput::on_list(Method m, const MatrixView& X) const {
  if (!supports(m)) refuse(m);
  std::vector<NdArray> out;
  for (const auto& e : estimators_) out.push_back(e->run(m, X));
  return out;
}

std::vector<NdArray> MultiOutput::on_list_table(Method m, const Table& X) const {
  if (!supports(m)) refuse(m);
  std::vector<NdArray> out;
  for (const auto& e : estimators_) out.push_back(e->run_table(m, X));
  return out;
}

}  // namespace skops::estimators

namespace skops::estimators::detail::multioutput {

std::unique_ptr<MultiOutput> build_multi_output(const ObjectView& obj) {
  const bool classifier = obj.type_name() == "sklearn.multioutput.MultiOutputClassifier";
  const ValueView list = obj.at("estimators_");
  if (list.node().kind != NodeKind::List) list.fail("estimators_ must be a list");
  const auto items = list.items();
  if (items.empty()) list.fail("estimators_ is empty");
  for (const auto& it : items) {
    if (it.node().kind != NodeKind::Object) it.fail("estimators_ entries must be estimators");
  }
  std::vector<EstimatorPtr> ests = list.estimators();
  for (std::size_t i = 0; i < ests.size(); ++i) {
    if (!ests[i]->supports(Method::Predict)) items[i].fail(ests[i]->type_name() + " cannot predict");
    if (classifier && ests[i]->role() != Role::Classifier)
      items[i].fail(ests[i]->type_name() + " is not a classifier");
  }
  auto est = detail::located(obj, [&] {
    return std::make_unique<MultiOutput>(std::move(ests), classifier, obj.type_name());
  });
  if (auto n = obj.find("n_features_in_")) {
    if (est->n_features_in() >= 0 && n->as_int() != est->n_features_in())
      n->fail("n_features_in_ differs from the estimators'");
  }
  est->set_original_state(obj.state());
  return est;
}

void save_multi_output(const MultiOutput& est, ObjectWriter& w) {
  std::vector<NodePtr> ests;
  for (const auto& e : est.estimators()) ests.push_back(w.ctx().save(*e));
  w.set("estimators_", make::list(std::move(ests)));
  if (!est.original_state()) {
    // natively built: the unfitted estimator is the first fitted one (a clone's parameters)
    w.set_default("estimator", w.ctx().save(*est.estimators().front()));
  }
  w.set_default("n_jobs", make::none());
  if (est.n_features_in() >= 0) w.set_default("n_features_in_", make::integer(est.n_features_in()));
}

}  // namespace skops::estimators::detail::multioutput
