// Linear classifiers (sklearn/linear_model/_base.py LinearClassifierMixin): decision_function
// = X @ coef_.T + intercept_ (raveled for one column); predict = classes_[scores > 0] for one
// column, else classes_[argmax]; probabilities per ProbaMode.

#include "estimators/linear_model/coefficients.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/validation.hpp"
#include "estimators/linear_model/linear_math.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/linear_model/internal.hpp"
#include "estimators/utils/versions.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace detail::linear_model {
const char* type_name(LinearClassifierKind kind) noexcept {
  switch (kind) {
    case LinearClassifierKind::LogisticRegression:
      return "sklearn.linear_model._logistic.LogisticRegression";
    case LinearClassifierKind::RidgeClassifier:
      return "sklearn.linear_model._ridge.RidgeClassifier";
    case LinearClassifierKind::SGDClassifier:
      return "sklearn.linear_model._stochastic_gradient.SGDClassifier";
    case LinearClassifierKind::Perceptron:
      return "sklearn.linear_model._perceptron.Perceptron";
    case LinearClassifierKind::PassiveAggressiveClassifier:
      return "sklearn.linear_model._passive_aggressive.PassiveAggressiveClassifier";
    case LinearClassifierKind::LinearSVC:
      return "sklearn.svm._classes.LinearSVC";
    case LinearClassifierKind::RidgeClassifierCV:
      return "sklearn.linear_model._ridge.RidgeClassifierCV";
    case LinearClassifierKind::LogisticRegressionCV:
      return "sklearn.linear_model._logistic.LogisticRegressionCV";
  }
  return "";
}
}  // namespace detail::linear_model

namespace {

// LogisticRegressionCV inherits predict_proba from LogisticRegression; RidgeClassifierCV reads
// classes_ from _label_binarizer as RidgeClassifier does (sklearn/linear_model/_ridge.py).
bool is_logistic(LinearClassifierKind k) {
  return k == LinearClassifierKind::LogisticRegression ||
         k == LinearClassifierKind::LogisticRegressionCV;
}
bool is_ridge(LinearClassifierKind k) {
  return k == LinearClassifierKind::RidgeClassifier || k == LinearClassifierKind::RidgeClassifierCV;
}

// LogisticRegression.predict_proba (sklearn/linear_model/_logistic.py, 1.2.1 l.1364):
// one-vs-rest for multi_class "ovr", or "auto" with ≤ 2 classes or a solver without a
// multinomial loss (liblinear; newton-cholesky before 1.5). "deprecated" is 1.5's "auto".
ProbaMode logistic_mode(const std::string& multi_class, const std::string& solver,
                        std::int64_t n_classes, const SklearnVersion& version) {
  const bool newton_ovr = solver == "newton-cholesky" && !version.at_least(1, 5);
  const bool auto_like = multi_class == "auto" || multi_class == "deprecated";
  const bool ovr = multi_class == "ovr" || multi_class == "warn" ||
                   (auto_like && (n_classes <= 2 || solver == "liblinear" || newton_ovr));
  return ovr ? ProbaMode::OvrSigmoid : ProbaMode::Softmax;
}

// SGDClassifier._check_proba / _predict_proba: log_loss ("log" before 1.3) and modified_huber.
ProbaMode sgd_mode(const std::string& loss) {
  if (loss == "log_loss" || loss == "log") return ProbaMode::OvrSigmoid;
  if (loss == "modified_huber") return ProbaMode::ModifiedHuber;
  return ProbaMode::None;
}

template <class Fail>
void check_classes_vs_coef(std::int64_t n_classes, const LinearCoefficients& c, Fail fail) {
  if (c.coef.ndim() != 2) fail("coef_ of a classifier must be 2-d");
  const auto rows = c.w.rows();
  if (n_classes < 2) fail("classes_ must hold at least 2 labels");
  if (!(rows == n_classes || (rows == 1 && n_classes == 2))) {
    fail("classes_ has " + std::to_string(n_classes) + " labels but coef_ has " +
         std::to_string(rows) + " rows");
  }
}

// modified_huber probabilities (SGDClassifier._predict_proba).
Matrix modified_huber_proba(const Matrix& s) {
  const Eigen::Index n = s.rows();
  auto clip = [](double v) { return v < -1.0 ? -1.0 : (v > 1.0 ? 1.0 : v); };
  if (s.cols() == 1) {
    Matrix p(n, 2);
    for (Eigen::Index i = 0; i < n; ++i) {
      const double q = (clip(s(i, 0)) + 1.0) / 2.0;
      p(i, 1) = q;
      p(i, 0) = 1.0 - q;
    }
    return p;
  }
  Matrix p(n, s.cols());
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < s.cols(); ++j) p(i, j) = (clip(s(i, j)) + 1.0) / 2.0;
    double sum = detail::numpy_sum(p.row(i).data(), p.cols());
    if (sum == 0.0) {  // all classes at -1: uniform probabilities
      for (Eigen::Index j = 0; j < s.cols(); ++j) p(i, j) = 1.0;
      sum = static_cast<double>(s.cols());
    }
    for (Eigen::Index j = 0; j < s.cols(); ++j) p(i, j) /= sum;
  }
  return p;
}

}  // namespace

std::unique_ptr<LinearClassifier> LinearClassifier::from_arrays(
    LinearClassifierKind kind, NdArray coef, NdArray intercept, NdArray classes,
    const LinearClassifierOptions& options) {
  const std::string who = detail::linear_model::type_name(kind);
  auto est = std::make_unique<LinearClassifier>();
  est->kind_ = kind;
  est->options_ = options;
  est->c_ = detail::linear_model::make_coefficients(std::move(coef), std::move(intercept), who);
  detail::check_classes(classes, detail::native_fail(who));
  est->classes_ = std::move(classes);
  check_classes_vs_coef(
      static_cast<std::int64_t>(est->classes_.size()), est->c_,
      [&](const std::string& m) -> void { throw ValidationError(who + ": " + m); });
  if (is_logistic(kind)) {
    if (options.multi_class != "auto" && options.multi_class != "ovr" &&
        options.multi_class != "multinomial") {
      throw ValidationError(who + ": unknown multi_class \"" + options.multi_class + "\"");
    }
    est->proba_ = logistic_mode(options.multi_class, options.solver,
                                static_cast<std::int64_t>(est->classes_.size()), SklearnVersion{});
  } else if (kind == LinearClassifierKind::SGDClassifier) {
    est->proba_ = sgd_mode(options.loss);
  }
  est->set_type_name(who);
  est->set_n_features_in(est->c_.w.cols());
  return est;
}

bool LinearClassifier::supports(Method m) const noexcept {
  switch (m) {
    case Method::Predict:
    case Method::DecisionFunction:
      return true;
    case Method::PredictProba:
    case Method::PredictLogProba:
      return proba_ != ProbaMode::None;
    default:
      return false;
  }
}

NdArray LinearClassifier::run(Method m, const MatrixView& X) const {
  if (!supports(m)) {
    throw UnsupportedError(type_name() + " has no method " + to_string(m) +
                           (m == Method::PredictProba || m == Method::PredictLogProba
                                ? " (probability estimates are not available for this loss)"
                                : ""));
  }
  check_finite_input(X);
  return from_scores(m, detail::linear_model::decision_scores(X, c_.w, c_.b));
}

NdArray LinearClassifier::on_sparse(Method m, const CsrMatrix& X) const {
  if (!supports(m)) return run(m, Matrix(0, 0));  // the same UnsupportedError
  detail::check_finite_sparse(*this, X);
  return from_scores(m, detail::linear_model::decision_scores(X, c_.w, c_.b));
}

NdArray LinearClassifier::from_scores(Method m, const Matrix& s) const {
  switch (m) {
    case Method::DecisionFunction:
      return detail::linear_model::scores_to_ndarray(s, true);
    case Method::Predict: {
      std::vector<std::int64_t> idx;
      if (s.cols() == 1) {
        idx.resize(static_cast<std::size_t>(s.rows()));
        for (Eigen::Index i = 0; i < s.rows(); ++i)
          idx[static_cast<std::size_t>(i)] = s(i, 0) > 0 ? 1 : 0;
      } else {
        idx = detail::argmax_rows(s);
      }
      return detail::take_labels(classes_, idx);
    }
    default:
      break;
  }
  Matrix p;
  if (proba_ == ProbaMode::OvrSigmoid) {
    p = detail::linear_model::ovr_proba(s);
  } else if (proba_ == ProbaMode::Softmax) {
    if (s.cols() == 1) {  // np.c_[-decision, decision]
      p.resize(s.rows(), 2);
      p.col(0) = -s.col(0);
      p.col(1) = s.col(0);
    } else {
      p = s;
    }
    detail::softmax_rows(p);
  } else {
    p = modified_huber_proba(s);
  }
  // predict_log_proba = np.log(predict_proba(X)) for both LogisticRegression and SGD.
  return to_ndarray(m == Method::PredictLogProba ? detail::log_of(p) : p);
}

std::unique_ptr<LinearClassifier> detail::linear_model::Access::build_classifier(LinearClassifierKind kind,
                                                                 const ObjectView& obj) {
  auto est = std::make_unique<LinearClassifier>();
  est->kind_ = kind;
  est->c_ = detail::linear_model::read_coefficients(obj);
  if (is_ridge(kind)) {
    // classes_ is a property reading _label_binarizer.classes_ (sklearn/linear_model/_ridge.py).
    const ValueView lbv = obj.at("_label_binarizer");
    if (lbv.node().kind != NodeKind::Object || lbv.node().cls != "LabelBinarizer") {
      lbv.fail("_label_binarizer must be a LabelBinarizer object");
    }
    const ObjectView lb(lbv.ptr(), obj.ctx());
    if (const auto yt = lb.find("y_type_")) {
      if (yt->as_str().rfind("multilabel", 0) == 0) {
        throw UnsupportedError("multilabel RidgeClassifier is not supported", {}, yt->pointer());
      }
    }
    est->classes_ = detail::read_classes(lb.at("classes_"));
  } else {
    const ValueView cv = obj.at("classes_");
    est->classes_ = detail::read_classes(cv);
    est->classes_node_ = cv.ptr();
  }
  check_classes_vs_coef(static_cast<std::int64_t>(est->classes_.size()), est->c_,
                        [&](const std::string& m) { obj.fail(m); });
  if (is_logistic(kind)) {
    est->options_.multi_class = obj.find("multi_class") ? obj.str("multi_class") : "auto";
    est->options_.solver = obj.find("solver") ? obj.str("solver") : "lbfgs";
    est->proba_ =
        logistic_mode(est->options_.multi_class, est->options_.solver,
                      static_cast<std::int64_t>(est->classes_.size()), detail::file_version(obj));
  } else if (kind == LinearClassifierKind::SGDClassifier) {
    est->options_.loss = obj.str("loss");
    est->proba_ = sgd_mode(est->options_.loss);
  }
  est->set_type_name(obj.type_name());
  est->set_n_features_in(detail::read_n_features(obj, est->c_.w.cols()));
  est->set_original_state(obj.state());
  return est;
}

void detail::linear_model::Access::save_classifier(const LinearClassifier& est, ObjectWriter& w) {
  const bool native = !est.original_state();
  if (native) {
    detail::linear_model::write_default_params(est.type_name(), w);
    if (is_logistic(est.kind_)) {
      w.set_str("multi_class", est.options_.multi_class);
      w.set_str("solver", est.options_.solver);
    } else if (est.kind_ == LinearClassifierKind::SGDClassifier) {
      w.set_str("loss", est.options_.loss);
    }
  }
  w.set_int("n_features_in_", est.n_features_in());
  if (is_ridge(est.kind_)) {
    if (native) {
      const std::string y_type = est.classes_.size() > 2 ? "multiclass" : "binary";
      w.set("_label_binarizer",
            make::object("sklearn.preprocessing._label", "LabelBinarizer",
                         {{"neg_label", make::integer(-1)},
                          {"pos_label", make::integer(1)},
                          {"sparse_output", make::boolean(false)},
                          {"y_type_", make::str(y_type)},
                          {"sparse_input_", make::boolean(false)},
                          {"classes_", make::array(est.classes_)},
                          {"_sklearn_version", make::str(w.ctx().sklearn_version())}}));
    }
  } else {
    w.set("classes_", detail::labels_node(est.classes_, est.classes_node_));
  }
  detail::linear_model::write_coefficients(est.c_, w);
}

}  // namespace skops::estimators
