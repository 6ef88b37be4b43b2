// sklearn.dummy.DummyClassifier / DummyRegressor (sklearn/dummy.py). Neither validates X
// beyond counting its rows, so NaN and any column count are accepted.

#include <cmath>
#include <cstring>

#include "estimators/linear_model/coefficients.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/validation.hpp"
#include "estimators/linear_model/linear_math.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/dummy/internal.hpp"
#include "estimators/linear_model/internal.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace {

bool known_strategy(const std::string& s) {
  return s == "prior" || s == "most_frequent" || s == "stratified" || s == "uniform" ||
         s == "constant";
}

// First index of the maximum prior (numpy argmax).
std::int64_t argmax(const std::vector<double>& v) {
  std::int64_t best = 0;
  for (std::size_t i = 1; i < v.size(); ++i) {
    if (v[i] > v[static_cast<std::size_t>(best)]) best = static_cast<std::int64_t>(i);
  }
  return best;
}

// Index of `constant` in classes (compared as strings or numbers), or -1.
std::int64_t find_label(const NdArray& classes, const NdArray& constant) {
  if (constant.size() != 1) return -1;
  const bool text = classes.dtype().kind() == DTypeKind::Unicode;
  if (text != (constant.dtype().kind() == DTypeKind::Unicode)) return -1;
  for (std::uint64_t i = 0; i < classes.size(); ++i) {
    if (text ? classes.string_at(i) == constant.string_at(0)
             : classes.to_vector<double>()[i] == constant.to_vector<double>()[0]) {
      return static_cast<std::int64_t>(i);
    }
  }
  return -1;
}

}  // namespace

std::unique_ptr<DummyClassifier> DummyClassifier::from_prior(NdArray classes,
                                                             std::vector<double> class_prior,
                                                             std::string strategy,
                                                             NdArray constant) {
  const std::string who = detail::linear_model::kDummyClassifierType;
  detail::check_classes(classes, detail::native_fail(who));
  if (class_prior.size() != classes.size())
    throw ValidationError(who + ": class_prior needs one value per class");
  if (!known_strategy(strategy)) throw ValidationError(who + ": unknown strategy " + strategy);
  auto est = std::make_unique<DummyClassifier>();
  est->classes_ = std::move(classes);
  est->prior_ = std::move(class_prior);
  est->strategy_ = std::move(strategy);
  if (est->strategy_ == "constant") {
    est->constant_index_ = find_label(est->classes_, constant);
    if (est->constant_index_ < 0)
      throw ValidationError(who + ": the constant is not one of the classes");
    est->constant_label_ = std::move(constant);
  }
  est->set_type_name(who);
  return est;
}

bool DummyClassifier::supports(Method m) const noexcept {
  return m == Method::Predict || m == Method::PredictProba || m == Method::PredictLogProba;
}

NdArray DummyClassifier::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  check_input(X);
  const Eigen::Index n = X.rows();
  const auto k = static_cast<Eigen::Index>(classes_.size());
  if (strategy_ == "stratified" || (strategy_ == "uniform" && m == Method::Predict)) {
    throw UnsupportedError(type_name() + ": strategy \"" + strategy_ +
                           "\" draws random numbers from random_state " + "in " + to_string(m) +
                           ", which C++ cannot reproduce");
  }
  if (m == Method::Predict) {
    if (strategy_ == "constant") {
      // np.tile(self.constant, (n_samples, 1)): the constant's own dtype.
      const std::size_t item = constant_label_.dtype().itemsize();
      std::vector<std::uint8_t> bytes(static_cast<std::size_t>(n) * item);
      for (Eigen::Index i = 0; i < n; ++i) {
        std::memcpy(bytes.data() + static_cast<std::size_t>(i) * item, constant_label_.bytes(),
                    item);
      }
      return NdArray(constant_label_.dtype(), {n}, ByteView::adopt(std::move(bytes)));
    }
    return detail::take_labels(
        classes_, std::vector<std::int64_t>(static_cast<std::size_t>(n), argmax(prior_)));
  }
  Matrix p = Matrix::Zero(n, k);
  if (strategy_ == "prior") {
    for (Eigen::Index j = 0; j < k; ++j)
      p.col(j).setConstant(1.0 * prior_[static_cast<std::size_t>(j)]);
  } else if (strategy_ == "most_frequent") {
    p.col(argmax(prior_)).setOnes();
  } else if (strategy_ == "uniform") {
    p.setConstant(1.0 / static_cast<double>(k));
  } else {  // constant
    p.col(constant_index_).setOnes();
  }
  return to_ndarray(m == Method::PredictLogProba ? detail::log_of(p) : p);
}

std::unique_ptr<DummyClassifier> detail::dummy::Access::build_classifier(const ObjectView& obj) {
  auto est = std::make_unique<DummyClassifier>();
  const std::int64_t n_outputs = obj.has("n_outputs_") ? obj.integer("n_outputs_") : 1;
  if (n_outputs != 1) {
    throw UnsupportedError(
        "DummyClassifier with " + std::to_string(n_outputs) + " outputs is not supported", {},
        obj.at("n_outputs_").pointer());
  }
  if (obj.has("sparse_output_") && obj.boolean("sparse_output_")) {
    throw UnsupportedError("DummyClassifier with sparse output is not supported", {},
                           obj.node().pointer);
  }
  const ValueView cv = obj.at("classes_");
  est->classes_ = detail::read_classes(cv);
  est->classes_node_ = cv.ptr();
  const ValueView pv = obj.at("class_prior_");
  est->prior_ = pv.as_doubles();
  if (pv.as_array().ndim() != 1 || est->prior_.size() != est->classes_.size()) {
    pv.fail("class_prior_ must have one value per class");
  }
  // _strategy is what fit resolved (strategy may be a deprecated spelling); older files lack it.
  est->strategy_ = obj.has("_strategy") ? obj.str("_strategy") : obj.str("strategy");
  if (!known_strategy(est->strategy_)) obj.fail("unknown strategy \"" + est->strategy_ + "\"");
  if (est->strategy_ == "constant") {
    const ValueView c = obj.at("constant");
    const Node& cn = c.node();
    if (cn.kind == NodeKind::Json && cn.scalar == ScalarKind::Str) {
      est->constant_label_ = NdArray::from_strings({cn.str_value}, {});
    } else if (cn.kind == NodeKind::Json && cn.scalar == ScalarKind::Int) {
      est->constant_label_ = NdArray::from_vector(std::vector<std::int64_t>{cn.int_value}, {});
    } else if (cn.kind == NodeKind::Json && cn.scalar == ScalarKind::Float) {
      est->constant_label_ = NdArray::from_vector(std::vector<double>{cn.float_value}, {});
    } else if (cn.kind == NodeKind::NdArray && cn.storage == "numpy") {
      est->constant_label_ = c.as_array();
      if (est->constant_label_.size() != 1) c.fail("constant must be a single label");
    } else {
      c.fail("constant must be a str, int, float or 1-element array");
    }
    est->constant_index_ = find_label(est->classes_, est->constant_label_);
    if (est->constant_index_ < 0) c.fail("the constant is not one of classes_");
  }
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

void detail::dummy::Access::save_classifier(const DummyClassifier& est, ObjectWriter& w) {
  const bool native = !est.original_state();
  if (native) {
    detail::linear_model::write_default_params(est.type_name(), w);
    w.set_str("strategy", est.strategy_);
    if (est.strategy_ == "constant") {
      const NdArray& c = est.constant_label_;
      if (c.dtype().kind() == DTypeKind::Unicode)
        w.set_str("constant", c.string_at(0));
      else if (c.dtype().kind() == DTypeKind::Float)
        w.set_real("constant", c.to_vector<double>()[0]);
      else
        w.set_int("constant", c.to_vector<std::int64_t>()[0]);
    }
    w.set_str("_strategy", est.strategy_);
    w.set_bool("sparse_output_", false);
    w.set_int("n_outputs_", 1);
  }
  w.set("classes_", detail::labels_node(est.classes_, est.classes_node_));
  w.set_int("n_classes_", static_cast<std::int64_t>(est.classes_.size()));
  w.set_array("class_prior_", NdArray::from_vector(est.prior_));
}

std::unique_ptr<DummyRegressor> DummyRegressor::from_constant(std::vector<double> constant,
                                                              std::string strategy) {
  const std::string who = detail::linear_model::kDummyRegressorType;
  if (constant.empty()) throw ValidationError(who + ": constant needs at least one output");
  if (strategy != "mean" && strategy != "median" && strategy != "quantile" &&
      strategy != "constant") {
    throw ValidationError(who + ": unknown strategy " + strategy);
  }
  auto est = std::make_unique<DummyRegressor>();
  const auto k = static_cast<std::int64_t>(constant.size());
  est->constant_ = NdArray::from_vector(constant, {1, k});
  est->strategy_ = std::move(strategy);
  est->set_type_name(who);
  return est;
}

NdArray DummyRegressor::run(Method m, const MatrixView& X) const {
  if (m != Method::Predict) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  check_input(X);
  // np.full((n_samples, n_outputs_), constant_, dtype=constant_.dtype), raveled for 1 output.
  const std::int64_t n = X.rows();
  const std::int64_t k = constant_.size();
  const std::size_t item = constant_.dtype().itemsize();
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(n * k) * item);
  for (std::int64_t i = 0; i < n; ++i) {
    std::memcpy(bytes.data() + static_cast<std::size_t>(i * k) * item, constant_.bytes(),
                static_cast<std::size_t>(k) * item);
  }
  std::vector<std::int64_t> shape =
      k == 1 ? std::vector<std::int64_t>{n} : std::vector<std::int64_t>{n, k};
  return NdArray(constant_.dtype(), std::move(shape), ByteView::adopt(std::move(bytes)));
}

std::unique_ptr<DummyRegressor> detail::dummy::Access::build_regressor(const ObjectView& obj) {
  auto est = std::make_unique<DummyRegressor>();
  const ValueView cv = obj.at("constant_");
  NdArray c = cv.as_array();
  const auto kind = c.dtype().kind();
  if (!(kind == DTypeKind::Float || kind == DTypeKind::Int || kind == DTypeKind::UInt ||
        kind == DTypeKind::Bool)) {
    cv.fail("constant_ must be a real numeric array, found dtype " + c.dtype().name());
  }
  if (c.size() == 0 || c.ndim() > 2 || (c.ndim() == 2 && c.dim(0) != 1)) {
    cv.fail("constant_ must have shape (1, n_outputs)");
  }
  if (obj.has("n_outputs_") && obj.integer("n_outputs_") != static_cast<std::int64_t>(c.size())) {
    obj.fail("n_outputs_ does not match constant_");
  }
  est->constant_ = std::move(c);
  est->strategy_ = obj.find("strategy") ? obj.str("strategy") : "mean";
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

void detail::dummy::Access::save_regressor(const DummyRegressor& est, ObjectWriter& w) {
  if (!est.original_state()) {
    detail::linear_model::write_default_params(est.type_name(), w);
    w.set_str("strategy", est.strategy_);
    w.set_int("n_outputs_", est.constant_.size());
  }
  w.set_array("constant_", est.constant_);
}

}  // namespace skops::estimators
