#include "estimators/ensemble/hist_gradient_boosting.hpp"
#include "estimators/pipeline/steps.hpp"

#include <cmath>
#include <cstring>
#include <limits>

#include "core/parallel.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/ensemble/gradient_boosting.hpp"
#include "skops/error.hpp"

namespace skops::estimators::detail::ensemble {
namespace {

bool in_bitset(const std::uint32_t* bitset, std::uint8_t v) noexcept {
  return (bitset[v / 32] >> (v % 32)) & 1U;
}

// <X_BINNED_DTYPE_C>data_val in _predictor.pyx: a C cast of a double to uint8, which x86
// performs through a 32-bit integer conversion (values >= 2**31 give 0x80000000).
std::uint8_t to_binned(double v) noexcept {
  const std::int64_t t = v < 2147483648.0 ? static_cast<std::int64_t>(static_cast<std::int32_t>(v))
                                          : std::int64_t{std::numeric_limits<std::int32_t>::min()};
  return static_cast<std::uint8_t>(t & 0xFF);
}

struct Field {
  std::int64_t offset = -1;
  DTypeKind kind = DTypeKind::Void;
  std::uint64_t size = 0;
};

Field find_field(const NdArray& a, const char* name, bool integer, const ValueView& at) {
  const DTypeField* f = a.dtype().field(name);
  if (!f || !f->type || !f->subshape.empty())
    at.fail(std::string("predictor nodes dtype lacks the field '") + name + "'");
  const DTypeKind k = f->type->kind();
  const std::uint64_t s = f->type->itemsize();
  const bool ok = integer ? ((k == DTypeKind::Int || k == DTypeKind::UInt) &&
                             (s == 1 || s == 2 || s == 4 || s == 8))
                          : (k == DTypeKind::Float && s == 8);
  if (!ok)
    at.fail(std::string("predictor nodes field '") + name + "' has dtype " + f->type->name());
  if (f->offset > a.dtype().itemsize() || s > a.dtype().itemsize() - f->offset) {
    at.fail(std::string("predictor nodes field '") + name + "' lies outside the record");
  }
  return Field{static_cast<std::int64_t>(f->offset), k, s};
}

// An integer field as int64 (uint64 values beyond int64 become -1: refused by range checks).
std::int64_t read_int(const std::uint8_t* rec, const Field& f) {
  const std::uint8_t* p = rec + f.offset;
  if (f.kind == DTypeKind::UInt) {
    std::uint64_t v = 0;
    std::memcpy(&v, p, f.size);  // little-endian
    return v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
               ? -1
               : static_cast<std::int64_t>(v);
  }
  switch (f.size) {
    case 1: {
      std::int8_t v;
      std::memcpy(&v, p, 1);
      return v;
    }
    case 2: {
      std::int16_t v;
      std::memcpy(&v, p, 2);
      return v;
    }
    case 4: {
      std::int32_t v;
      std::memcpy(&v, p, 4);
      return v;
    }
    default: {
      std::int64_t v;
      std::memcpy(&v, p, 8);
      return v;
    }
  }
}

double read_f64(const std::uint8_t* rec, const Field& f) {
  double v;
  std::memcpy(&v, rec + f.offset, 8);
  return v;
}

HgbPredictor read_predictor(const ValueView& pv, std::int64_t n_features,
                            const std::vector<std::uint8_t>& is_cat) {
  if (pv.node().kind != NodeKind::Object ||
      pv.node().type_name() != "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor") {
    pv.fail("expected a TreePredictor, found " + pv.node().type_name());
  }
  ObjectView obj(pv.ptr(), pv.ctx());
  const ValueView nv = obj.at("nodes");
  const NdArray nodes = nv.as_array();
  if (!nodes.dtype().is_structured() || nodes.ndim() != 1 || nodes.dim(0) < 1 ||
      nodes.dim(0) >= std::numeric_limits<std::int32_t>::max()) {
    nv.fail("predictor nodes must be a non-empty 1-d structured array");
  }
  const Field f_value = find_field(nodes, "value", false, nv);
  const Field f_feature = find_field(nodes, "feature_idx", true, nv);
  const Field f_thr = find_field(nodes, "num_threshold", false, nv);
  const Field f_missing = find_field(nodes, "missing_go_to_left", true, nv);
  const Field f_left = find_field(nodes, "left", true, nv);
  const Field f_right = find_field(nodes, "right", true, nv);
  const Field f_leaf = find_field(nodes, "is_leaf", true, nv);
  const Field f_cat = find_field(nodes, "is_categorical", true, nv);
  const Field f_bitset = find_field(nodes, "bitset_idx", true, nv);

  HgbPredictor p;
  std::int64_t n_bitsets = 0;
  if (auto bv = obj.find("raw_left_cat_bitsets")) {
    const NdArray b = bv->as_array();
    if (b.dtype() != DType(DTypeKind::UInt, 4) || b.ndim() != 2 || b.dim(1) != 8) {
      bv->fail("raw_left_cat_bitsets must be a uint32 array of shape (n, 8)");
    }
    n_bitsets = b.dim(0);
    p.left_cat_bitsets = b.to_vector<std::uint32_t>();
  }
  const std::int64_t count = nodes.dim(0);
  p.nodes.resize(static_cast<std::size_t>(count));
  const std::size_t item = nodes.dtype().itemsize();
  for (std::int64_t i = 0; i < count; ++i) {
    const std::uint8_t* rec = nodes.bytes() + static_cast<std::size_t>(i) * item;
    HgbNode& n = p.nodes[static_cast<std::size_t>(i)];
    auto where = [i] { return "predictor node " + std::to_string(i) + ": "; };
    n.is_leaf = read_int(rec, f_leaf) != 0;
    if (n.is_leaf) {
      n.threshold = read_f64(rec, f_value);
      n.left = n.right = -1;
      n.feature = 0;
      continue;
    }
    const std::int64_t l = read_int(rec, f_left), r = read_int(rec, f_right),
                       f = read_int(rec, f_feature);
    if (l < 0 || l >= count || r < 0 || r >= count) {
      nv.fail(where() + "children (" + std::to_string(l) + ", " + std::to_string(r) +
              ") out of range [0, " + std::to_string(count) + ")");
    }
    if (f < 0 || f >= n_features)
      nv.fail(where() + "feature " + std::to_string(f) + " out of range");
    n.left = static_cast<std::int32_t>(l);
    n.right = static_cast<std::int32_t>(r);
    n.feature = static_cast<std::int32_t>(f);
    n.threshold = read_f64(rec, f_thr);
    n.missing_go_to_left = read_int(rec, f_missing) != 0;
    n.is_categorical = read_int(rec, f_cat) != 0;
    if (n.is_categorical) {
      const std::int64_t b = read_int(rec, f_bitset);
      if (b < 0 || b >= n_bitsets) {
        nv.fail(where() + "bitset index " + std::to_string(b) + " out of range [0, " +
                std::to_string(n_bitsets) + ")");
      }
      if (!is_cat[static_cast<std::size_t>(f)])
        nv.fail(where() + "categorical split on a non-categorical feature");
      n.bitset = static_cast<std::uint32_t>(b);
    }
  }
  // Every node reached exactly once from the root (no cycle, no sharing, none unreachable).
  std::vector<std::uint8_t> seen(static_cast<std::size_t>(count), 0);
  std::vector<std::int32_t> stack{0};
  std::int64_t reached = 0;
  while (!stack.empty()) {
    const std::int32_t id = stack.back();
    stack.pop_back();
    if (seen[static_cast<std::size_t>(id)]) {
      nv.fail("predictor node " + std::to_string(id) +
              " is reached twice from the root (cycle or shared child)");
    }
    seen[static_cast<std::size_t>(id)] = 1;
    ++reached;
    const HgbNode& n = p.nodes[static_cast<std::size_t>(id)];
    if (!n.is_leaf) {
      stack.push_back(n.right);
      stack.push_back(n.left);
    }
  }
  if (reached != count) nv.fail("predictor has nodes unreachable from the root");
  return p;
}

}  // namespace

double HgbPredictor::predict_row(const double* x, const std::vector<std::uint32_t>& known_cat,
                                 const std::vector<std::uint32_t>& f_idx_map) const noexcept {
  const HgbNode* ns = nodes.data();
  const HgbNode* n = ns;
  while (!n->is_leaf) {
    const double v = x[n->feature];
    std::int32_t next;
    if (std::isnan(v)) {
      next = n->missing_go_to_left ? n->left : n->right;
    } else if (n->is_categorical) {
      if (v < 0) {
        next = n->missing_go_to_left ? n->left : n->right;
      } else {
        const std::uint8_t b = to_binned(v);
        if (in_bitset(left_cat_bitsets.data() + static_cast<std::size_t>(n->bitset) * 8, b)) {
          next = n->left;
        } else if (in_bitset(
                       known_cat.data() + static_cast<std::size_t>(
                                              f_idx_map[static_cast<std::size_t>(n->feature)]) *
                                              8,
                       b)) {
          next = n->right;
        } else {
          next = n->missing_go_to_left ? n->left : n->right;  // unknown category: as missing
        }
      }
    } else {
      next = v <= n->threshold ? n->left : n->right;
    }
    n = ns + next;
  }
  return n->threshold;
}

HistGradientBoosting::HistGradientBoosting(bool classifier, Link link, std::int64_t k,
                                           std::vector<double> baseline,
                                           std::vector<HgbPredictor> predictors,
                                           std::vector<std::uint32_t> known_cat,
                                           std::vector<std::uint32_t> f_idx_map, NdArray classes)
    : classifier_(classifier),
      link_(link),
      k_(k),
      baseline_(std::move(baseline)),
      predictors_(std::move(predictors)),
      known_cat_(std::move(known_cat)),
      f_idx_map_(std::move(f_idx_map)),
      classes_(std::move(classes)) {}

bool HistGradientBoosting::supports(Method m) const noexcept {
  if (!classifier_) return m == Method::Predict;
  return m == Method::Predict || m == Method::PredictProba || m == Method::DecisionFunction;
}

Matrix HistGradientBoosting::raw_predict(const MatrixView& X) const {
  check_input(X);  // NaN and infinities are accepted (force_all_finite=False)
  Matrix raw(X.rows(), k_);
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (std::int64_t k = 0; k < k_; ++k) raw(i, k) = 0.0 + baseline_[static_cast<std::size_t>(k)];
  }
  const Matrix xc = X;  // contiguous rows
  const std::size_t n_iter = predictors_.size() / static_cast<std::size_t>(k_);
  for (std::size_t it = 0; it < n_iter; ++it) {
    for (std::int64_t k = 0; k < k_; ++k) {
      const HgbPredictor& p =
          predictors_[it * static_cast<std::size_t>(k_) + static_cast<std::size_t>(k)];
      for (Eigen::Index i = 0; i < xc.rows(); ++i)
        raw(i, k) += p.predict_row(xc.row(i).data(), known_cat_, f_idx_map_);
    }
  }
  return raw;
}

Matrix HistGradientBoosting::proba(const Matrix& raw) const {
  Matrix p(raw.rows(), link_ == Link::Logit ? 2 : raw.cols());
  for (Eigen::Index i = 0; i < raw.rows(); ++i) {
    if (link_ == Link::Logit) {
      p(i, 1) = expit(raw(i, 0));  // HalfBinomialLoss.predict_proba
      p(i, 0) = 1.0 - p(i, 1);
    } else {
      loss_softmax_row(raw.row(i).data(), raw.cols(), p.row(i).data());
    }
  }
  return p;
}

NdArray HistGradientBoosting::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  if (preprocessor_) {
    check_input(X);
    return finish(m, raw_predict(pipeline::transform_matrix(*preprocessor_, X)));
  }
  return finish(m, raw_predict(X));
}

NdArray HistGradientBoosting::on_table(Method m, const Table& X) const {
  if (!preprocessor_) return Estimator::on_table(m, X);
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  // _preprocess_X(reset=False): the preprocessor alone checks X (ColumnTransformer.transform).
  const auto flow = pipeline::transform_flow(*preprocessor_, X);
  const auto* xt = std::get_if<Matrix>(&flow);
  if (!xt) throw InputError(type_name() + ": the preprocessor left strings in X");
  return finish(m, raw_predict(*xt));
}

NdArray HistGradientBoosting::finish(Method m, const Matrix& raw) const {
  if (!classifier_) {
    Eigen::VectorXd y = raw.col(0);
    if (link_ == Link::Log) y = y.array().exp().matrix();
    return to_ndarray(y);
  }
  if (m == Method::DecisionFunction) {
    if (k_ == 1) return to_ndarray(Eigen::VectorXd(raw.col(0)));
    return to_ndarray(raw);
  }
  const Matrix p = proba(raw);
  if (m == Method::PredictProba) return to_ndarray(p);
  std::vector<std::int64_t> idx(static_cast<std::size_t>(p.rows()));
  for (Eigen::Index i = 0; i < p.rows(); ++i)
    idx[static_cast<std::size_t>(i)] = detail::argmax(p.row(i).data(), p.cols());
  return detail::take_labels(classes_, idx);
}

std::unique_ptr<HistGradientBoosting> build_hist_gradient_boosting(const ObjectView& obj,
                                                                   bool classifier) {
  const std::int64_t n_features = obj.integer("n_features_in_");
  if (n_features < 1 || n_features > std::numeric_limits<std::int32_t>::max()) {
    obj.at("n_features_in_").fail("n_features_in_ out of range");
  }
  const std::int64_t k = obj.integer("n_trees_per_iteration_");
  // The loss's link decides how raw predictions become outputs.
  const ValueView lv = obj.at("_loss");
  ObjectView loss(lv.ptr(), obj.ctx());
  const std::string link_type = loss.at("link").node().type_name();
  using Link = HistGradientBoosting::Link;
  Link link;
  if (link_type == "sklearn._loss.link.IdentityLink")
    link = Link::Identity;
  else if (link_type == "sklearn._loss.link.LogLink")
    link = Link::Log;
  else if (link_type == "sklearn._loss.link.LogitLink")
    link = Link::Logit;
  else if (link_type == "sklearn._loss.link.MultinomialLogit")
    link = Link::Softmax;
  else
    loss.at("link").fail("unsupported link " + link_type);
  NdArray classes;
  if (classifier) {
    classes = detail::read_classes(obj.at("classes_"));
    const std::int64_t nc = classes.dim(0);
    const bool ok =
        (link == Link::Logit && nc == 2 && k == 1) || (link == Link::Softmax && nc > 2 && k == nc);
    if (!ok) obj.fail("classes_, n_trees_per_iteration_ and the loss's link disagree");
  } else if ((link != Link::Identity && link != Link::Log) || k != 1) {
    obj.fail("a regressor needs one tree per iteration and an identity or log link");
  }
  const ValueView bv = obj.at("_baseline_prediction");
  std::vector<double> baseline = bv.as_doubles();
  if (static_cast<std::int64_t>(baseline.size()) != k)
    bv.fail("_baseline_prediction must hold one value per tree of an iteration");

  // Known categories per categorical feature (BinMapper.make_known_categories_bitsets).
  ObjectView bm(obj.at("_bin_mapper").ptr(), obj.ctx());
  std::vector<std::uint8_t> is_cat(static_cast<std::size_t>(n_features), 0);
  std::vector<std::uint32_t> f_idx_map(static_cast<std::size_t>(n_features), 0);
  std::vector<std::uint32_t> known_cat;
  if (auto cv = bm.find("is_categorical_"); cv && !cv->is_none()) {
    const std::vector<std::int64_t> flags = cv->as_array().to_vector<std::int64_t>();
    if (static_cast<std::int64_t>(flags.size()) != n_features)
      cv->fail("is_categorical_ must have n_features entries");
    const ValueView tv = bm.at("bin_thresholds_");
    const std::vector<ValueView> thresholds = tv.items();
    std::uint32_t n_cat = 0;
    for (std::int64_t f = 0; f < n_features; ++f) {
      if (!flags[static_cast<std::size_t>(f)]) continue;
      if (f >= static_cast<std::int64_t>(thresholds.size()))
        tv.fail("bin_thresholds_ has too few entries");
      is_cat[static_cast<std::size_t>(f)] = 1;
      f_idx_map[static_cast<std::size_t>(f)] = n_cat++;
      known_cat.resize(known_cat.size() + 8, 0);
      for (double c : thresholds[static_cast<std::size_t>(f)].as_doubles()) {
        if (!(c >= 0 && c < 256))
          thresholds[static_cast<std::size_t>(f)].fail("known category out of [0, 256)");
        const auto b = static_cast<std::uint8_t>(c);
        known_cat[known_cat.size() - 8 + b / 32] |= 1U << (b % 32);
      }
    }
  }

  const ValueView pv = obj.at("_predictors");
  std::vector<ValueView> trees;
  for (const ValueView& iteration : pv.items()) {
    const std::vector<ValueView> row = iteration.items();
    if (static_cast<std::int64_t>(row.size()) != k)
      iteration.fail("expected n_trees_per_iteration_ predictors");
    trees.insert(trees.end(), row.begin(), row.end());
  }
  // Each predictor is read and validated from its own nodes only: in parallel, with the
  // error of the first bad predictor in file order.
  std::vector<HgbPredictor> predictors(trees.size());
  skops::detail::parallel_for(trees.size(), obj.ctx().threads(), [&](std::size_t i) {
    predictors[i] = read_predictor(trees[i], n_features, is_cat);
  });
  auto est = std::make_unique<HistGradientBoosting>(classifier, link, k, std::move(baseline),
                                                    std::move(predictors), std::move(known_cat),
                                                    std::move(f_idx_map), classes);
  est->set_type_name(obj.type_name());
  est->set_n_features_in(n_features);
  est->set_original_state(obj.state());
  if (auto pre = obj.find("_preprocessor"); pre && !pre->is_none()) {
    EstimatorPtr p = pre->estimator();
    if (p->type_name() != "sklearn.compose._column_transformer.ColumnTransformer" ||
        p->n_features_in() != n_features) {
      pre->fail("_preprocessor must be a ColumnTransformer over n_features_in_ columns");
    }
    est->set_preprocessor(std::move(p));
  }
  return est;
}

void save_hist_gradient_boosting(const HistGradientBoosting& est, ObjectWriter& w) {
  // Built only from files: the predictors, bin mapper and loss are kept from the original
  // state unchanged.
  w.set_int("n_features_in_", est.n_features_in());
}

}  // namespace skops::estimators::detail::ensemble
