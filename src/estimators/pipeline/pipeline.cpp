// Pipeline: transforms through all steps but the last, then the last step's method.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/pipeline.py

#include <set>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/pipeline/steps.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

Pipeline::Pipeline(std::vector<Step> steps) : steps_(std::move(steps)) {
  if (steps_.empty()) throw ValidationError("Pipeline: no steps");
  std::set<std::string> names;
  for (std::size_t i = 0; i < steps_.size(); ++i) {
    const Step& s = steps_[i];
    if (!names.insert(s.name).second)
      throw ValidationError("Pipeline: step name \"" + s.name + "\" repeats");
    if (!s.estimator && !s.is_identity()) {
      throw ValidationError("Pipeline: step \"" + s.name +
                            "\" is neither an estimator, 'passthrough' nor None");
    }
    // scikit-learn requires every intermediate step to be a transformer (_validate_steps).
    if (i + 1 < steps_.size() && s.estimator && !s.estimator->supports(Method::Transform)) {
      throw ValidationError("Pipeline: intermediate step \"" + s.name + "\" (" +
                            s.estimator->type_name() + ") cannot transform");
    }
  }
  for (const Step& s : steps_) {
    if (s.estimator) {
      set_n_features_in(s.estimator->n_features_in());
      break;
    }
  }
  set_type_name("sklearn.pipeline.Pipeline");
}

std::shared_ptr<Pipeline> Pipeline::from_estimators(
    std::vector<std::pair<std::string, EstimatorPtr>> steps) {
  std::vector<Step> out;
  for (auto& [name, est] : steps) {
    Step s{name, est, est ? "estimator" : "passthrough"};
    out.push_back(std::move(s));
  }
  return std::make_shared<Pipeline>(std::move(out));
}

bool Pipeline::accepts_strings() const noexcept {
  for (const Step& s : steps_) {
    if (s.estimator) return s.estimator->accepts_strings();
  }
  return true;
}

Role Pipeline::role() const noexcept {
  const Step& last = steps_.back();
  return last.estimator ? last.estimator->role() : Role::Transformer;
}

bool Pipeline::supports(Method m) const noexcept {
  if (m == Method::InverseTransform) {
    // Pipeline._can_inverse_transform: every step that is not 'passthrough'/None has one.
    for (const Step& s : steps_) {
      if (s.estimator && !s.estimator->supports(Method::InverseTransform)) return false;
    }
    return true;
  }
  const Step& last = steps_.back();
  if (!last.estimator) return m == Method::Transform;
  return last.estimator->supports(m);
}

bool Pipeline::returns_list(Method m) const noexcept {
  const Step& last = steps_.back();
  return m != Method::InverseTransform && last.estimator && last.estimator->returns_list(m);
}

NdArray Pipeline::inverse(const MatrixView& X, bool float32) const {
  // The steps' inverse_transform in reverse order (Pipeline.inverse_transform).
  Matrix Xt = X;
  bool f32 = float32;
  for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) {
    if (!it->estimator) continue;
    const NdArray out = f32 ? it->estimator->run_float32(Method::InverseTransform, Xt)
                            : it->estimator->run(Method::InverseTransform, Xt);
    f32 = out.dtype() == DType::float32();
    Xt = to_matrix(out);
  }
  if (!f32) return to_ndarray(Xt);
  std::vector<float> v(static_cast<std::size_t>(Xt.size()));
  for (Eigen::Index i = 0; i < Xt.rows(); ++i) {
    for (Eigen::Index j = 0; j < Xt.cols(); ++j)
      v[static_cast<std::size_t>(i * Xt.cols() + j)] = static_cast<float>(Xt(i, j));
  }
  return NdArray::from_vector(
      v, {static_cast<std::int64_t>(Xt.rows()), static_cast<std::int64_t>(Xt.cols())});
}

NdArray Pipeline::run(Method m, const MatrixView& X) const {
  if (!supports(m))
    throw UnsupportedError("Pipeline (last step " + steps_.back().name + ") has no method " +
                           to_string(m));
  if (X.rows() == 0)
    throw InputError("found array with 0 sample(s) while a minimum of 1 is required by Pipeline");
  if (m == Method::InverseTransform) return inverse(X, false);
  Matrix Xt = X;
  const std::size_t n_transform = steps_.size() - 1;
  for (std::size_t i = 0; i < n_transform; ++i) {
    if (steps_[i].estimator)
      Xt = estimators::detail::pipeline::transform_matrix(*steps_[i].estimator, Xt);
  }
  const Step& last = steps_.back();
  if (!last.estimator) return to_ndarray(Xt);
  return last.estimator->run(m, Xt);
}

NdArray Pipeline::run_float32(Method m, const MatrixView& X) const {
  if (!supports(m))
    throw UnsupportedError("Pipeline (last step " + steps_.back().name + ") has no method " +
                           to_string(m));
  if (X.rows() == 0)
    throw InputError("found array with 0 sample(s) while a minimum of 1 is required by Pipeline");
  if (m == Method::InverseTransform) return inverse(X, true);
  Matrix Xt = X;
  bool f32 = true;
  for (std::size_t i = 0; i + 1 < steps_.size(); ++i) {
    if (!steps_[i].estimator) continue;
    const NdArray out = f32 ? steps_[i].estimator->run_float32(Method::Transform, Xt)
                            : steps_[i].estimator->run(Method::Transform, Xt);
    f32 = out.dtype() == DType::float32();
    Xt = to_matrix(out);
  }
  const Step& last = steps_.back();
  if (!last.estimator) {
    if (!f32) return to_ndarray(Xt);
    std::vector<float> v(Xt.data(), Xt.data() + Xt.size());
    return NdArray::from_vector(
        v, {static_cast<std::int64_t>(Xt.rows()), static_cast<std::int64_t>(Xt.cols())});
  }
  return f32 ? last.estimator->run_float32(m, Xt) : last.estimator->run(m, Xt);
}

NdArray Pipeline::on_table(Method m, const Table& X) const {
  if (!supports(m))
    throw UnsupportedError("Pipeline (last step " + steps_.back().name + ") has no method " +
                           to_string(m));
  if (m == Method::InverseTransform) return inverse(estimators::detail::pipeline::table_matrix(X), false);
  if (m == Method::Transform) {
    TableTransform t = on_table_transform(X);
    if (auto* a = std::get_if<NdArray>(&t)) return std::move(*a);
    return estimators::detail::pipeline::table_result(std::get<Table>(t), type_name());
  }
  estimators::detail::pipeline::Flow flow = X;
  for (std::size_t i = 0; i + 1 < steps_.size(); ++i) {
    if (steps_[i].estimator)
      flow = estimators::detail::pipeline::transform_flow(*steps_[i].estimator, flow);
  }
  // supports(m) with m not Transform: the last step is an estimator.
  const Estimator& last = *steps_.back().estimator;
  if (const auto* t = std::get_if<Table>(&flow)) return last.run_table(m, *t);
  return last.run(m, std::get<Matrix>(flow));
}

// The list-returning method of the last step (returns_list), after the other steps' transforms.
std::vector<NdArray> Pipeline::on_list(Method m, const MatrixView& X) const {
  Matrix Xt = X;
  for (std::size_t i = 0; i + 1 < steps_.size(); ++i) {
    if (steps_[i].estimator)
      Xt = estimators::detail::pipeline::transform_matrix(*steps_[i].estimator, Xt);
  }
  return steps_.back().estimator->run_list(m, Xt);
}

std::vector<NdArray> Pipeline::on_list_table(Method m, const Table& X) const {
  estimators::detail::pipeline::Flow flow = X;
  for (std::size_t i = 0; i + 1 < steps_.size(); ++i) {
    if (steps_[i].estimator)
      flow = estimators::detail::pipeline::transform_flow(*steps_[i].estimator, flow);
  }
  const Estimator& last = *steps_.back().estimator;
  if (const auto* t = std::get_if<Table>(&flow)) return last.run_list_table(m, *t);
  return last.run_list(m, std::get<Matrix>(flow));
}

TableTransform Pipeline::on_table_transform(const Table& X) const {
  if (!supports(Method::Transform))
    throw UnsupportedError("Pipeline (last step " + steps_.back().name + ") has no method transform");
  estimators::detail::pipeline::Flow flow = X;
  DType dtype = DType::float64();
  for (const Step& s : steps_) {
    if (!s.estimator) continue;
    if (const auto* t = std::get_if<Table>(&flow)) {
      flow = estimators::detail::pipeline::transform_flow(*s.estimator, *t, &dtype);
    } else {
      flow = estimators::detail::pipeline::transform_matrix(*s.estimator, std::get<Matrix>(flow),
                                                           &dtype);
    }
  }
  if (auto* t = std::get_if<Table>(&flow)) return std::move(*t);
  return estimators::detail::matrix_as(std::get<Matrix>(flow), dtype);
}

}  // namespace skops::estimators

namespace skops::estimators::detail::pipeline {

Step read_step(const std::string& name, const ValueView& v, bool allow_drop,
                        bool allow_none) {
  const Node& n = v.node();
  if (n.kind == NodeKind::Object) return Step{name, v.estimator(), "estimator"};
  if (n.kind == NodeKind::Json && n.scalar == ScalarKind::Str) {
    if (n.str_value == "passthrough") return Step{name, nullptr, "passthrough"};
    if (allow_drop && n.str_value == "drop") return Step{name, nullptr, "drop"};
  }
  if (allow_none && n.is_none()) return Step{name, nullptr, "none"};
  v.fail("step \"" + name + "\" must be an estimator" + std::string(allow_drop ? ", 'drop'" : "") +
         " or 'passthrough'" + (allow_none ? " or None" : ""));
}

NodePtr step_value_node(const Step& s, SaveContext& ctx) {
  if (s.estimator) return ctx.save(*s.estimator);
  if (s.kind == "none") return make::none();
  return make::str(s.kind);
}

Matrix transform_matrix(const Estimator& est, const MatrixView& X, DType* dtype, bool float32) {
  const NdArray out =
      float32 ? est.run_float32(Method::Transform, X) : est.run(Method::Transform, X);
  if (out.ndim() != 2 || !out.is_numeric()) {
    throw UnsupportedError(est.type_name() + " produced a " + std::to_string(out.ndim()) + "-d " +
                           out.dtype().name() + " array where a numeric 2-d array is needed");
  }
  if (out.dim(0) != X.rows()) throw InputError(est.type_name() + " changed the number of rows");
  if (dtype) *dtype = out.dtype();
  return to_matrix(out);
}

DType hstack_dtype(const std::vector<DType>& dtypes) {
  if (dtypes.empty()) return DType::float64();
  for (const auto& d : dtypes) {
    if (d != dtypes.front()) return DType::float64();
  }
  return dtypes.front();
}

double block_weight(double weight, const DType& block_dtype) {
  return block_dtype == DType::float32() ? static_cast<double>(static_cast<float>(weight)) : weight;
}

NdArray hstack(const std::vector<Block>& blocks, Eigen::Index rows) {
  Eigen::Index width = 0;
  std::vector<DType> dtypes;
  for (const auto& b : blocks) {
    width += b.values.cols();
    dtypes.push_back(b.dtype);
  }
  Matrix result(rows, width);
  Eigen::Index at = 0;
  for (const auto& b : blocks) {
    result.middleCols(at, b.values.cols()) = b.values;
    at += b.values.cols();
  }
  return estimators::detail::matrix_as(result, hstack_dtype(dtypes));
}

void save_pipeline(const Pipeline& p, ObjectWriter& w) {
  std::vector<NodePtr> steps;
  for (const Step& s : p.steps())
    steps.push_back(make::tuple({make::str(s.name), step_value_node(s, w.ctx())}));
  w.set("steps", make::list(std::move(steps)));
  w.set_default("memory", make::none());
  w.set_default("verbose", make::boolean(false));
}

std::unique_ptr<Pipeline> build_pipeline(const ObjectView& obj) {
  std::vector<Step> steps;
  const auto items = obj.at("steps").items();
  if (items.empty()) obj.at("steps").fail("Pipeline has no steps");
  for (const auto& item : items) {
    if (item.node().kind != NodeKind::Tuple && item.node().kind != NodeKind::List) {
      item.fail("a Pipeline step must be a (name, estimator) tuple");
    }
    const auto pair = item.items();
    if (pair.size() != 2) item.fail("a Pipeline step must be a (name, estimator) tuple of 2 items");
    const std::string name = pair[0].as_str();
    steps.push_back(read_step(name, pair[1], false, true));
  }
  auto est = detail::located(obj, [&] { return std::make_unique<Pipeline>(std::move(steps)); });
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

}  // namespace skops::estimators::detail::pipeline
