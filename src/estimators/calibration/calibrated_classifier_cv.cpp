// CalibratedClassifierCV, fitted: predict and predict_proba.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/calibration.py
// (CalibratedClassifierCV.predict_proba, predict, _CalibratedClassifier.predict_proba,
// _get_prediction_method, _compute_predictions, _SigmoidCalibration.predict); 1.4.2 gets
// the same predictions through _get_response_values(["decision_function", "predict_proba"]).

#include <cmath>
#include <limits>

#include "estimators/calibration/internal.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

CalibratedClassifierCV::CalibratedClassifierCV(std::vector<Calibrated> calibrated, NdArray classes)
    : calibrated_(std::move(calibrated)), classes_(std::move(classes)) {
  if (classes_.ndim() != 1 || classes_.dim(0) < 2)
    throw ValidationError("CalibratedClassifierCV: classes_ must hold at least 2 labels");
  if (calibrated_.empty())
    throw ValidationError("CalibratedClassifierCV: calibrated_classifiers_ is empty");
  const std::int64_t k = classes_.dim(0);
  const std::size_t n_cal = k == 2 ? 1 : static_cast<std::size_t>(k);
  for (const auto& c : calibrated_) {
    const Estimator* e = c.estimator.get();
    if (!e) throw ValidationError("CalibratedClassifierCV: missing estimator");
    if (e->role() != Role::Classifier ||
        !(e->supports(Method::DecisionFunction) || e->supports(Method::PredictProba)))
      throw ValidationError("CalibratedClassifierCV: " + e->type_name() +
                            " is not a classifier with decision_function or predict_proba");
    if (c.calibrators.size() != n_cal)
      throw ValidationError("CalibratedClassifierCV: " + std::to_string(c.calibrators.size()) +
                            " calibrators for " + std::to_string(k) + " classes");
    for (const auto& cal : c.calibrators)
      if (!cal.isotonic && !(std::isfinite(cal.a) && std::isfinite(cal.b)))
        throw ValidationError("CalibratedClassifierCV: a sigmoid calibrator's a_ and b_ must be finite");
    if (e->n_features_in() != calibrated_.front().estimator->n_features_in())
      throw ValidationError("CalibratedClassifierCV: the estimators differ in n_features_in_");
  }
  set_type_name("sklearn.calibration.CalibratedClassifierCV");
  const Estimator& first = *calibrated_.front().estimator;
  set_n_features_in(first.n_features_in());
  if (!first.feature_names_in().empty()) set_feature_names_in(first.feature_names_in());
}

bool CalibratedClassifierCV::supports(Method m) const noexcept {
  return m == Method::Predict || m == Method::PredictProba;
}

namespace {

// np.sum(a, axis=1) of one row of a C-contiguous float64 array: numpy's pairwise_sum
// (sequential below 8 values, eight accumulators up to 128), added to the identity 0.
double row_sum(const Matrix& p, Eigen::Index i) {
  const Eigen::Index n = p.cols();
  double res;
  if (n < 8) {
    res = 0.0;
    for (Eigen::Index j = 0; j < n; ++j) res += p(i, j);
  } else if (n <= 128) {
    double r[8];
    for (int j = 0; j < 8; ++j) r[j] = p(i, j);
    Eigen::Index j = 8;
    for (; j < n - (n % 8); j += 8)
      for (int q = 0; q < 8; ++q) r[q] += p(i, j + q);
    res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; j < n; ++j) res += p(i, j);
  } else {
    throw UnsupportedError("CalibratedClassifierCV: more than 128 classes are not supported");
  }
  return 0.0 + res;
}

// The predictions _CalibratedClassifier calibrates, (n_samples, n_columns).
Matrix predictions(const Estimator& e, const NdArray& out, bool proba, std::int64_t k) {
  if (!out.is_numeric() || out.ndim() < 1 || out.ndim() > 2)
    throw UnsupportedError("CalibratedClassifierCV: " + e.type_name() + " gave predictions of an unexpected shape");
  const std::int64_t n = out.dim(0);
  Matrix m = out.ndim() == 1 ? to_matrix(NdArray(out.dtype(), {n, 1}, out.view())) : to_matrix(out);
  if (proba && k == 2) {  // predictions[:, 1:]
    if (m.cols() != 2)
      throw UnsupportedError("CalibratedClassifierCV: " + e.type_name() + ": predict_proba is not (n_samples, 2)");
    return m.rightCols(1);
  }
  return m;
}

}  // namespace

template <class Run>
NdArray CalibratedClassifierCV::compute(Method m, Run run_one) const {
  if (!supports(m)) throw UnsupportedError(std::string("CalibratedClassifierCV has no method ") + to_string(m));
  const std::int64_t k = classes_.dim(0);
  Matrix mean;
  for (const auto& c : calibrated_) {
    const Estimator& e = *c.estimator;
    const bool df = e.supports(Method::DecisionFunction);
    const NdArray out = run_one(e, df ? Method::DecisionFunction : Method::PredictProba);
    const Matrix pred = predictions(e, out, !df, k);
    const Eigen::Index n = pred.rows();
    if (mean.size() == 0) mean = Matrix::Zero(n, k);
    if (mean.rows() != n) throw UnsupportedError("CalibratedClassifierCV: prediction sizes differ");
    Matrix proba = Matrix::Zero(n, k);
    // zip(pos_class_indices, predictions.T, calibrators): the shortest decides
    const Eigen::Index cols = std::min<Eigen::Index>(pred.cols(), static_cast<Eigen::Index>(c.calibrators.size()));
    for (Eigen::Index j = 0; j < cols; ++j) {
      const auto& cal = c.calibrators[static_cast<std::size_t>(j)];
      const Eigen::Index idx = k == 2 ? j + 1 : j;
      const Eigen::VectorXd t = pred.col(j);
      if (cal.isotonic) {
        proba.col(idx) = cal.isotonic->interpolate(t);
      } else {
        for (Eigen::Index i = 0; i < n; ++i) {
          const double x = -(cal.a * t(i) + cal.b);  // expit(-(a_ * T + b_))
          proba(i, idx) = 1.0 / (1.0 + std::exp(-x));
        }
      }
    }
    if (k == 2) {
      proba.col(0) = (1.0 - proba.col(1).array()).matrix();
    } else {
      for (Eigen::Index i = 0; i < n; ++i) {
        const double d = row_sum(proba, i);
        for (Eigen::Index j = 0; j < k; ++j)
          proba(i, j) = d != 0 ? proba(i, j) / d : 1.0 / static_cast<double>(k);
      }
    }
    for (Eigen::Index i = 0; i < proba.size(); ++i) {
      double& v = proba.data()[i];
      if (1.0 < v && v <= 1.0 + 1e-5) v = 1.0;
    }
    mean += proba;
  }
  mean /= static_cast<double>(calibrated_.size());
  if (m == Method::PredictProba) return to_ndarray(mean);
  std::vector<std::int64_t> idx(static_cast<std::size_t>(mean.rows()), 0);
  for (Eigen::Index i = 0; i < mean.rows(); ++i) {  // np.argmax: first maximum, first NaN
    Eigen::Index best = 0;
    for (Eigen::Index j = 0; j < k; ++j) {
      if (std::isnan(mean(i, j))) { best = j; break; }
      if (mean(i, j) > mean(i, best)) best = j;
    }
    idx[static_cast<std::size_t>(i)] = best;
  }
  return detail::take_labels(classes_, idx);
}

NdArray CalibratedClassifierCV::run(Method m, const MatrixView& X) const {
  return compute(m, [&](const Estimator& e, Method mm) { return e.run(mm, X); });
}

NdArray CalibratedClassifierCV::on_table(Method m, const Table& X) const {
  return compute(m, [&](const Estimator& e, Method mm) { return e.run_table(mm, X); });
}

}  // namespace skops::estimators

namespace skops::estimators::detail::calibration {

namespace {

const char* const kCalibrated = "sklearn.calibration._CalibratedClassifier";
const char* const kSigmoid = "sklearn.calibration._SigmoidCalibration";
const char* const kIsotonic = "sklearn.isotonic.IsotonicRegression";

CalibratedClassifierCV::Calibrator read_calibrator(const ValueView& v) {
  CalibratedClassifierCV::Calibrator cal;
  cal.node = v.ptr();
  if (v.node().kind != NodeKind::Object) v.fail("calibrators entries must be objects");
  const std::string t = v.node().type_name();
  if (t == kSigmoid) {
    const ObjectView s(v.ptr(), v.ctx());
    cal.a = s.real("a_");
    cal.b = s.real("b_");
    if (!std::isfinite(cal.a)) s.at("a_").fail("a_ must be finite");
    if (!std::isfinite(cal.b)) s.at("b_").fail("b_ must be finite");
  } else if (t == kIsotonic) {
    cal.isotonic = std::dynamic_pointer_cast<const IsotonicRegression>(v.estimator());
    if (!cal.isotonic) v.fail("expected an IsotonicRegression");
  } else {
    v.fail("calibrators entries must be _SigmoidCalibration or IsotonicRegression, not " + t);
  }
  return cal;
}

}  // namespace

namespace {
// The estimator's classes_: its own attribute, or, where scikit-learn's is a property, that of
// a Pipeline's last step or a search's best_estimator_ (followed to any depth).
ValueView estimator_classes(const ObjectView& eo) {
  if (eo.has("classes_")) return eo.at("classes_");
  const std::string type = eo.type_name();
  if (type == "sklearn.pipeline.Pipeline") {
    const ValueView steps = eo.at("steps");
    const auto items = steps.items();
    if (items.empty()) steps.fail("a Pipeline without steps");
    const auto pair = items.back().items();
    if (pair.size() != 2 || pair[1].node().kind != NodeKind::Object)
      items.back().fail("a Pipeline step must be a (name, estimator) pair");
    return estimator_classes(ObjectView(pair[1].ptr(), eo.ctx()));
  }
  if (auto best = eo.find("best_estimator_")) {
    if (best->node().kind == NodeKind::Object) return estimator_classes(ObjectView(best->ptr(), eo.ctx()));
  }
  return eo.at("classes_");  // the "required attribute classes_ missing" error
}
}  // namespace

std::unique_ptr<CalibratedClassifierCV> build_calibrated_classifier_cv(const ObjectView& obj) {
  NdArray classes = detail::read_classes(obj.at("classes_"));
  const std::int64_t k = classes.dim(0);
  if (k < 2) obj.at("classes_").fail("classes_ must hold at least 2 labels");
  const ValueView list = obj.at("calibrated_classifiers_");
  if (list.node().kind != NodeKind::List) list.fail("calibrated_classifiers_ must be a list");
  std::vector<CalibratedClassifierCV::Calibrated> cals;
  for (const auto& it : list.items()) {
    if (it.node().kind != NodeKind::Object || it.node().type_name() != kCalibrated)
      it.fail(std::string("calibrated_classifiers_ entries must be ") + kCalibrated + " objects");
    const ObjectView cc(it.ptr(), obj.ctx());
    CalibratedClassifierCV::Calibrated c;
    c.node = it.ptr();
    const char* est_key = cc.has("estimator") ? "estimator" : "base_estimator";  // < 1.2
    const ValueView ev = cc.at(est_key);
    if (ev.node().kind != NodeKind::Object) ev.fail(std::string(est_key) + " must be an estimator");
    c.estimator = ev.estimator();
    // self.classes and the estimator's classes_ (LabelEncoder(self.classes)
    // .transform(estimator.classes_)): both must be classes_ here.
    const ValueView cv = cc.at("classes");
    if (!(detail::read_classes(cv) == classes)) cv.fail("classes differs from classes_");
    const ValueView ecv = estimator_classes(ObjectView(ev.ptr(), obj.ctx()));
    if (!(detail::read_classes(ecv) == classes))
      ecv.fail("a calibrated estimator's classes_ differ from classes_ (not supported)");
    if (auto mv = cc.find("method")) {
      const std::string method = mv->as_str();
      if (method != "sigmoid" && method != "isotonic")
        mv->fail("method must be 'sigmoid' or 'isotonic', not '" + method + "'");
    }
    const ValueView calv = cc.at("calibrators");
    if (calv.node().kind != NodeKind::List) calv.fail("calibrators must be a list");
    const auto items = calv.items();
    if (items.size() != (k == 2 ? 1u : static_cast<std::size_t>(k)))
      calv.fail(std::to_string(items.size()) + " calibrators for " + std::to_string(k) + " classes");
    for (const auto& ci : items) c.calibrators.push_back(read_calibrator(ci));
    cals.push_back(std::move(c));
  }
  auto est = detail::located(obj, [&] {
    return std::make_unique<CalibratedClassifierCV>(std::move(cals), classes);
  });
  if (auto n = obj.find("n_features_in_")) {
    if (est->n_features_in() >= 0 && n->as_int() != est->n_features_in())
      n->fail("n_features_in_ differs from the estimators'");
  }
  est->set_original_state(obj.state());
  return est;
}

void save_calibrated_classifier_cv(const CalibratedClassifierCV& est, ObjectWriter& w) {
  // Built only from files: each _CalibratedClassifier is written over its state as read,
  // with its estimator and isotonic calibrators saved through their writers.
  if (!est.original_state())
    throw UnsupportedError("CalibratedClassifierCV is written only as loaded from a file");
  std::vector<NodePtr> items;
  for (const auto& c : est.calibrated()) {
    const NodePtr content = c.node->child("content");
    ObjectWriter cw("sklearn.calibration", "_CalibratedClassifier",
                    content && content->kind == NodeKind::Dict ? content : nullptr, w.ctx());
    cw.set(content && content->get("base_estimator") && !content->get("estimator") ? "base_estimator"
                                                                                    : "estimator",
           w.ctx().save(*c.estimator));
    std::vector<NodePtr> cals;
    for (const auto& cal : c.calibrators)
      cals.push_back(cal.isotonic ? w.ctx().save(*cal.isotonic) : cal.node);
    cw.set("calibrators", make::list(std::move(cals)));
    items.push_back(cw.finish());
  }
  w.set("calibrated_classifiers_", make::list(std::move(items)));
}

}  // namespace skops::estimators::detail::calibration
