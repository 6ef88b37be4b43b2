#include "estimators/ensemble/gradient_boosting.hpp"

#include <algorithm>
#include <cmath>

#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "skops/error.hpp"
#include "skops/estimators/tree.hpp"

namespace skops::estimators::detail::ensemble {

using detail::FlatTree;

void loss_softmax_row(const double* raw, Eigen::Index k, double* out) noexcept {
  double mx = raw[0];
  for (Eigen::Index j = 1; j < k; ++j) {
    if (mx < raw[j]) mx = raw[j];
  }
  double sum = 0.0;
  for (Eigen::Index j = 0; j < k; ++j) {
    out[j] = std::exp(raw[j] - mx);
    sum += out[j];
  }
  for (Eigen::Index j = 0; j < k; ++j) out[j] /= sum;
}

namespace {

bool is_multinomial(GbLoss l) {
  return l == GbLoss::LegacyMultinomial || l == GbLoss::HalfMultinomial;
}
bool is_classification(GbLoss l) {
  return l != GbLoss::LegacyRegression && l != GbLoss::Regression;
}

GbLoss read_loss(const ObjectView& obj, bool classifier) {
  const ValueView v = obj.at("_loss");
  const std::string t = v.node().type_name();
  static const std::pair<const char*, GbLoss> kLosses[] = {
      {"sklearn.ensemble._gb_losses.BinomialDeviance", GbLoss::LegacyBinomial},
      {"sklearn.ensemble._gb_losses.MultinomialDeviance", GbLoss::LegacyMultinomial},
      {"sklearn.ensemble._gb_losses.ExponentialLoss", GbLoss::LegacyExponential},
      {"sklearn.ensemble._gb_losses.LeastSquaresError", GbLoss::LegacyRegression},
      {"sklearn.ensemble._gb_losses.LeastAbsoluteError", GbLoss::LegacyRegression},
      {"sklearn.ensemble._gb_losses.HuberLossFunction", GbLoss::LegacyRegression},
      {"sklearn.ensemble._gb_losses.QuantileLossFunction", GbLoss::LegacyRegression},
      {"sklearn._loss.loss.HalfBinomialLoss", GbLoss::HalfBinomial},
      {"sklearn._loss.loss.HalfMultinomialLoss", GbLoss::HalfMultinomial},
      {"sklearn._loss.loss.ExponentialLoss", GbLoss::Exponential},
      {"sklearn._loss.loss.HalfSquaredError", GbLoss::Regression},
      {"sklearn._loss.loss.AbsoluteError", GbLoss::Regression},
      {"sklearn._loss.loss.HuberLoss", GbLoss::Regression},
      {"sklearn._loss.loss.PinballLoss", GbLoss::Regression},
  };
  for (const auto& [name, loss] : kLosses) {
    if (t == name) {
      if (is_classification(loss) != classifier)
        v.fail("loss " + t + " does not fit a " + obj.type_name());
      return loss;
    }
  }
  v.fail("unsupported gradient boosting loss " + t);
}

GbInit read_init(const ObjectView& obj, std::int64_t n_classes) {
  const ValueView v = obj.at("init_");
  GbInit init;
  const Node& n = v.node();
  if (n.kind == NodeKind::Json && n.scalar == ScalarKind::Str) {
    if (n.str_value != "zero")
      v.fail("init_ must be an estimator or 'zero', got '" + n.str_value + "'");
    return init;
  }
  if (n.kind != NodeKind::Object) v.fail("init_ must be an estimator or 'zero'");
  ObjectView io(v.ptr(), obj.ctx());
  const std::string type = n.type_name();
  if (type == "sklearn.dummy.DummyClassifier") {
    auto s = io.find("_strategy");
    const std::string strategy = s ? s->as_str() : io.str("strategy");
    if (auto no = io.find("n_outputs_"); no && no->as_int() != 1)
      no->fail("init_ must have one output");
    const ValueView pv = io.at("class_prior_");
    std::vector<double> prior = pv.as_doubles();
    if (static_cast<std::int64_t>(prior.size()) != n_classes) {
      pv.fail("init_ class_prior_ has " + std::to_string(prior.size()) + " entries for " +
              std::to_string(n_classes) + " classes");
    }
    // DummyClassifier.predict_proba (sklearn/dummy.py) for the deterministic strategies.
    if (strategy == "prior") {
      init.kind = GbInit::Kind::Proba;
      init.proba = prior;
      return init;
    }
    if (strategy == "most_frequent") {
      init.kind = GbInit::Kind::Proba;
      init.proba.assign(prior.size(), 0.0);
      init.proba[static_cast<std::size_t>(detail::argmax(prior.data(), n_classes))] = 1.0;
      return init;
    }
    if (strategy == "uniform") {
      init.kind = GbInit::Kind::Proba;
      init.proba.assign(prior.size(), 1.0 / static_cast<double>(n_classes));
      return init;
    }
  } else if (type == "sklearn.dummy.DummyRegressor") {
    const ValueView cv = io.at("constant_");
    const std::vector<double> c = cv.as_doubles();
    if (c.size() != 1) cv.fail("init_ constant_ must hold one value");
    init.kind = GbInit::Kind::Value;
    init.value = c[0];
    return init;
  }
  init.kind = GbInit::Kind::Estimator;
  init.estimator = v.estimator();
  return init;
}

// The init probabilities → raw predictions: _gb_losses.*.get_init_raw_predictions (1.2)
// and _gb.py _init_raw_predictions with the loss's link (>= 1.3).
void init_from_proba(GbLoss loss, const double* p, std::int64_t n_classes, double* raw) {
  auto clip = [](double x) { return std::clamp(x, kFloat32Eps, 1.0 - kFloat32Eps); };
  switch (loss) {
    case GbLoss::LegacyBinomial:
    case GbLoss::HalfBinomial: {
      const double q = clip(p[1]);
      raw[0] = std::log(q / (1.0 - q));
      return;
    }
    case GbLoss::LegacyExponential:
    case GbLoss::Exponential: {
      const double q = clip(p[1]);
      raw[0] = 0.5 * std::log(q / (1.0 - q));
      return;
    }
    case GbLoss::LegacyMultinomial:
      for (std::int64_t k = 0; k < n_classes; ++k) raw[k] = std::log(clip(p[k]));
      return;
    case GbLoss::HalfMultinomial: {
      // MultinomialLogit.link: log(p / gmean(p)), gmean = exp(mean(log p)).
      double s = 0.0;
      std::vector<double> q(static_cast<std::size_t>(n_classes));
      for (std::int64_t k = 0; k < n_classes; ++k) {
        q[static_cast<std::size_t>(k)] = clip(p[k]);
        s += std::log(q[static_cast<std::size_t>(k)]);
      }
      const double gm = std::exp(s / static_cast<double>(n_classes));
      for (std::int64_t k = 0; k < n_classes; ++k)
        raw[k] = std::log(q[static_cast<std::size_t>(k)] / gm);
      return;
    }
    default:
      return;
  }
}

}  // namespace

GradientBoosting::GradientBoosting(bool classifier, GbLoss loss, GbInit init, double learning_rate,
                                   std::int64_t k,
                                   std::vector<std::shared_ptr<const FlatTree>> trees,
                                   NdArray classes, std::vector<EstimatorPtr> tree_estimators)
    : classifier_(classifier),
      loss_(loss),
      init_(std::move(init)),
      learning_rate_(learning_rate),
      k_(k),
      trees_(std::move(trees)),
      classes_(std::move(classes)),
      tree_estimators_(std::move(tree_estimators)) {}

bool GradientBoosting::supports(Method m) const noexcept {
  if (m == Method::Predict || m == Method::Apply) return true;
  return classifier_ && (m == Method::PredictProba || m == Method::PredictLogProba ||
                         m == Method::DecisionFunction);
}

NdArray GradientBoosting::apply(const MatrixView& X) const {
  // BaseGradientBoosting.apply: leaf ids as float64 (np.zeros), shape (n, n_stages, K);
  // the regressor reshapes to (n, n_stages).
  check_input(X);
  const auto x32 = detail::to_float32_rows(X, false);
  const auto rows = static_cast<std::int64_t>(X.rows());
  std::vector<const detail::FlatTree*> trees;
  for (const auto& t : trees_) trees.push_back(t.get());
  // trees_ is stage-major (stage s, class k at s * K + k), as the output's last two axes.
  const std::vector<std::int64_t> ids = detail::leaf_ids(trees, x32, rows, X.cols());
  const std::vector<double> out(ids.begin(), ids.end());
  const std::int64_t n_stages = static_cast<std::int64_t>(trees_.size()) / k_;
  if (!classifier_) return NdArray::from_vector(out, {rows, n_stages});
  return NdArray::from_vector(out, {rows, n_stages, k_});
}

Matrix GradientBoosting::init_raw(const std::vector<float>& x32, Eigen::Index rows,
                                  Eigen::Index cols) const {
  Matrix raw = Matrix::Zero(rows, k_);
  switch (init_.kind) {
    case GbInit::Kind::Zero:
      return raw;
    case GbInit::Kind::Value:
      raw.setConstant(init_.value);
      return raw;
    case GbInit::Kind::Proba: {
      std::vector<double> r(static_cast<std::size_t>(k_));
      init_from_proba(loss_, init_.proba.data(), static_cast<std::int64_t>(init_.proba.size()),
                      r.data());
      for (Eigen::Index i = 0; i < rows; ++i) {
        for (std::int64_t k = 0; k < k_; ++k) raw(i, k) = r[static_cast<std::size_t>(k)];
      }
      return raw;
    }
    case GbInit::Kind::Estimator: {
      // The init estimator sees the float32-converted X, as in scikit-learn.
      Matrix xd(rows, cols);
      for (Eigen::Index i = 0; i < rows; ++i) {
        for (Eigen::Index j = 0; j < cols; ++j)
          xd(i, j) = static_cast<double>(x32[static_cast<std::size_t>(i * cols + j)]);
      }
      if (classifier_) {
        const Matrix p = to_matrix(init_.estimator->predict_proba(xd));
        const std::int64_t nc = classes_.dim(0);
        if (p.rows() != rows || p.cols() != nc)
          throw InputError("init_ predict_proba has the wrong shape");
        for (Eigen::Index i = 0; i < rows; ++i)
          init_from_proba(loss_, p.row(i).data(), nc, raw.row(i).data());
      } else {
        const std::vector<double> y = init_.estimator->predict(xd).to_vector<double>();
        if (static_cast<Eigen::Index>(y.size()) != rows)
          throw InputError("init_ predict has the wrong shape");
        for (Eigen::Index i = 0; i < rows; ++i) raw(i, 0) = y[static_cast<std::size_t>(i)];
      }
      return raw;
    }
  }
  return raw;
}

Matrix GradientBoosting::raw_predict(const MatrixView& X) const {
  check_input(X);
  const auto x32 = detail::to_float32_rows(X, false);
  Matrix raw = init_raw(x32, X.rows(), X.cols());
  // _gradient_boosting.pyx predict_stages: out[i, k] += scale * value[leaf], stage by stage.
  const std::size_t n_stages = trees_.size() / static_cast<std::size_t>(k_);
  std::vector<std::int32_t> leaves(static_cast<std::size_t>(X.rows()));
  for (std::size_t s = 0; s < n_stages; ++s) {
    for (std::int64_t k = 0; k < k_; ++k) {
      const FlatTree& t = *trees_[s * static_cast<std::size_t>(k_) + static_cast<std::size_t>(k)];
      t.leaves(x32.data(), X.rows(), X.cols(), leaves.data());
      for (Eigen::Index i = 0; i < X.rows(); ++i) {
        raw(i, k) += learning_rate_ * *t.value(leaves[static_cast<std::size_t>(i)]);
      }
    }
  }
  return raw;
}

Matrix GradientBoosting::predict_proba_matrix(const Matrix& raw) const {
  const Eigen::Index n = raw.rows();
  if (!is_multinomial(loss_)) {
    const double scale =
        (loss_ == GbLoss::LegacyExponential || loss_ == GbLoss::Exponential) ? 2.0 : 1.0;
    Matrix p(n, 2);
    for (Eigen::Index i = 0; i < n; ++i) {
      p(i, 1) = expit(scale * raw(i, 0));
      p(i, 0) = 1.0 - p(i, 1);
    }
    return p;
  }
  Matrix p(n, raw.cols());
  for (Eigen::Index i = 0; i < n; ++i) {
    const double m = raw.row(i).maxCoeff();
    if (loss_ == GbLoss::LegacyMultinomial) {
      // np.nan_to_num(np.exp(raw - logsumexp(raw, axis=1)))
      const double shift = std::isfinite(m) ? m : 0.0;
      double s = 0.0;
      for (Eigen::Index k = 0; k < raw.cols(); ++k) s += std::exp(raw(i, k) - shift);
      const double lse = std::log(s) + shift;
      for (Eigen::Index k = 0; k < raw.cols(); ++k) {
        double v = std::exp(raw(i, k) - lse);
        if (std::isnan(v)) v = 0.0;
        if (std::isinf(v)) v = std::numeric_limits<double>::max();
        p(i, k) = v;
      }
    } else {
      loss_softmax_row(raw.row(i).data(), raw.cols(), p.row(i).data());
    }
  }
  return p;
}

NdArray GradientBoosting::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  if (m == Method::Apply) return apply(X);
  const Matrix raw = raw_predict(X);
  const Eigen::Index n = raw.rows();
  if (!classifier_) return to_ndarray(Eigen::VectorXd(raw.col(0)));
  switch (m) {
    case Method::DecisionFunction:
      if (k_ == 1) return to_ndarray(Eigen::VectorXd(raw.col(0)));
      return to_ndarray(raw);
    case Method::PredictProba:
      return to_ndarray(predict_proba_matrix(raw));
    case Method::PredictLogProba:
      return to_ndarray(detail::log_of(predict_proba_matrix(raw)));
    case Method::Predict: {
      std::vector<std::int64_t> idx(static_cast<std::size_t>(n));
      for (Eigen::Index i = 0; i < n; ++i) {
        std::int64_t c;
        if (loss_ == GbLoss::LegacyBinomial) {
          // BinomialDeviance._raw_prediction_to_decision: argmax of [1 - p, p].
          const double p1 = expit(raw(i, 0));
          c = p1 > 1.0 - p1 ? 1 : 0;
        } else if (k_ == 1) {
          c = raw(i, 0) >= 0.0 ? 1 : 0;  // ExponentialLoss (1.2) and GB predict (>= 1.3)
        } else {
          c = detail::argmax(raw.row(i).data(), k_);
        }
        idx[static_cast<std::size_t>(i)] = c;
      }
      return detail::take_labels(classes_, idx);
    }
    default:
      throw UnsupportedError(type_name() + " has no method " + to_string(m));
  }
}

std::unique_ptr<GradientBoosting> build_gradient_boosting(const ObjectView& obj, bool classifier) {
  const std::int64_t n_features = obj.integer("n_features_in_");
  if (n_features < 1) obj.at("n_features_in_").fail("n_features_in_ must be positive");
  const GbLoss loss = read_loss(obj, classifier);
  NdArray classes;
  std::int64_t k = 1;
  if (classifier) {
    classes = detail::read_classes(obj.at("classes_"));
    const std::int64_t nc = classes.dim(0);
    if (nc < 2) obj.at("classes_").fail("a gradient boosting classifier needs at least 2 classes");
    if (is_multinomial(loss)) {
      k = nc;
    } else if (nc != 2) {
      obj.at("classes_").fail("a binary loss needs exactly 2 classes, found " + std::to_string(nc));
    }
  }
  const double lr = obj.real("learning_rate");
  const GbInit init = read_init(obj, classifier ? classes.dim(0) : 1);

  const ValueView ev = obj.at("estimators_");
  std::vector<std::shared_ptr<const FlatTree>> trees;
  std::vector<EstimatorPtr> ests;
  const std::vector<ValueView> rows = ev.items();
  if (rows.empty()) ev.fail("estimators_ is empty");
  std::vector<ValueView> cells;
  for (const ValueView& row : rows) {
    const std::vector<ValueView> row_cells = row.items();
    if (static_cast<std::int64_t>(row_cells.size()) != k) {
      row.fail("estimators_ row has " + std::to_string(row_cells.size()) + " trees, expected " +
               std::to_string(k));
    }
    cells.insert(cells.end(), row_cells.begin(), row_cells.end());
  }
  std::vector<NodePtr> cell_nodes;
  for (const ValueView& cell : cells) cell_nodes.push_back(cell.ptr());
  const std::vector<EstimatorPtr> built = ev.ctx().build_all(cell_nodes);  // trees in parallel
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const ValueView& cell = cells[c];
    auto est = std::dynamic_pointer_cast<const DecisionTreeRegressor>(built[c]);
    if (!est) cell.fail("estimators_ item is not a DecisionTreeRegressor");
    if (est->n_features_in() != n_features || est->tree().n_outputs() != 1) {
      cell.fail("stage tree does not match the model's n_features_in_ or has several outputs");
    }
    trees.push_back(std::shared_ptr<const FlatTree>(est, &est->tree()));
    ests.push_back(est);
  }
  auto gb = std::make_unique<GradientBoosting>(classifier, loss, init, lr, k, std::move(trees),
                                               classes, std::move(ests));
  gb->set_type_name(obj.type_name());
  gb->set_n_features_in(n_features);
  gb->set_original_state(obj.state());
  return gb;
}

void save_gradient_boosting(const GradientBoosting& est, ObjectWriter& w) {
  w.set_int("n_features_in_", est.n_features_in());
  w.set_real("learning_rate", est.learning_rate());
  std::vector<NodePtr> rows;
  const auto k = static_cast<std::size_t>(est.k());
  const auto& ests = est.tree_estimators();
  for (std::size_t s = 0; s < ests.size() / k; ++s) {
    std::vector<NodePtr> row;
    for (std::size_t j = 0; j < k; ++j) row.push_back(w.ctx().save(*ests[s * k + j]));
    rows.push_back(make::list(row));
  }
  w.set("estimators_", make::object_array(rows, {static_cast<std::int64_t>(rows.size()), est.k()}));
}

}  // namespace skops::estimators::detail::ensemble
