// FeatureUnion: the transformers' outputs side by side, each times its weight.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/pipeline.py
// (FeatureUnion.transform)

#include <set>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/pipeline/steps.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

FeatureUnion::FeatureUnion(std::vector<Step> parts, std::map<std::string, double> weights)
    : parts_(std::move(parts)), weights_(std::move(weights)) {
  if (parts_.empty()) throw ValidationError("FeatureUnion: transformer_list is empty");
  std::set<std::string> names;
  for (const Step& s : parts_) {
    if (!names.insert(s.name).second)
      throw ValidationError("FeatureUnion: name \"" + s.name + "\" repeats");
    if (s.estimator && !s.estimator->supports(Method::Transform)) {
      throw ValidationError("FeatureUnion: \"" + s.name + "\" cannot transform");
    }
    if (!s.estimator && s.kind != "passthrough" && s.kind != "drop") {
      throw ValidationError("FeatureUnion: \"" + s.name +
                            "\" must be a transformer, 'drop' or 'passthrough'");
    }
  }
  // n_features_in_ is the first transformer's (a property in scikit-learn).
  if (parts_.front().estimator) set_n_features_in(parts_.front().estimator->n_features_in());
  set_type_name("sklearn.pipeline.FeatureUnion");
}

bool FeatureUnion::accepts_strings() const noexcept {
  for (const Step& s : parts_) {
    if (s.kind == "drop") continue;
    if (!s.estimator || s.estimator->accepts_strings()) return true;
  }
  return false;
}

NdArray FeatureUnion::run(Method m, const MatrixView& X) const { return stack(m, X, false); }

NdArray FeatureUnion::run_float32(Method m, const MatrixView& X) const { return stack(m, X, true); }

NdArray FeatureUnion::stack(Method m, const MatrixView& X, bool float32) const {
  if (m != Method::Transform)
    throw UnsupportedError("FeatureUnion has no method " + std::string(to_string(m)));
  if (X.rows() == 0)
    throw InputError(
        "found array with 0 sample(s) while a minimum of 1 is required by FeatureUnion");
  std::vector<estimators::detail::pipeline::Block> blocks;
  for (const Step& s : parts_) {
    if (s.kind == "drop") continue;
    DType d = float32 ? DType::float32() : DType::float64();  // passthrough keeps X's dtype
    Matrix out = s.estimator
                     ? estimators::detail::pipeline::transform_matrix(*s.estimator, X, &d, float32)
                     : Matrix(X);
    if (auto it = weights_.find(s.name); it != weights_.end()) {
      out *= estimators::detail::pipeline::block_weight(it->second, d);
    }
    blocks.push_back({std::move(out), d});
  }
  return estimators::detail::pipeline::hstack(blocks, X.rows());
}

TableTransform FeatureUnion::on_table_transform(const Table& X) const {
  std::vector<estimators::detail::pipeline::FlowBlock> blocks;
  for (const Step& s : parts_) {
    if (s.kind == "drop") continue;
    if (!s.estimator) {
      blocks.push_back(estimators::detail::pipeline::passthrough_block(X));
      continue;
    }
    const auto w = weights_.find(s.name);
    blocks.push_back(estimators::detail::pipeline::transform_block(
        *s.estimator, X, w != weights_.end(), w != weights_.end() ? w->second : 1.0));
  }
  return estimators::detail::pipeline::hstack_flows(std::move(blocks), X.n_rows());
}

NdArray FeatureUnion::on_table(Method m, const Table& X) const {
  if (m != Method::Transform)
    throw UnsupportedError("FeatureUnion has no method " + std::string(to_string(m)));
  TableTransform t = on_table_transform(X);
  if (auto* a = std::get_if<NdArray>(&t)) return std::move(*a);
  return estimators::detail::pipeline::table_result(std::get<Table>(t), type_name());
}

}  // namespace skops::estimators

namespace skops::estimators::detail::pipeline {

void save_feature_union(const FeatureUnion& u, ObjectWriter& w) {
  std::vector<NodePtr> parts;
  for (const Step& s : u.parts())
    parts.push_back(make::tuple({make::str(s.name), step_value_node(s, w.ctx())}));
  w.set("transformer_list", make::list(std::move(parts)));
  w.set_default("n_jobs", make::none());
  if (u.weights().empty()) {
    w.set_default("transformer_weights", make::none());
  } else {
    std::vector<std::pair<std::string, NodePtr>> weights;
    for (const auto& [k, v] : u.weights()) weights.emplace_back(k, make::real(v));
    w.set("transformer_weights", make::dict(std::move(weights)));
  }
  w.set_default("verbose", make::boolean(false));
}

std::unique_ptr<FeatureUnion> build_feature_union(const ObjectView& obj) {
  std::vector<Step> parts;
  for (const auto& item : obj.at("transformer_list").items()) {
    if (item.node().kind != NodeKind::Tuple && item.node().kind != NodeKind::List) {
      item.fail("a transformer_list entry must be a (name, transformer) tuple");
    }
    const auto pair = item.items();
    if (pair.size() != 2) item.fail("a transformer_list entry must have 2 items");
    parts.push_back(read_step(pair[0].as_str(), pair[1], true, false));
  }
  std::map<std::string, double> weights;
  if (auto w = obj.find("transformer_weights"); w && !w->is_none()) {
    if (w->node().kind != NodeKind::Dict) w->fail("transformer_weights must be a dict");
    for (const auto& e : w->node().entries)
      weights[e.key] = ValueView(e.value, obj.ctx()).as_double();
  }
  auto est =
      detail::located(obj, [&] { return std::make_unique<FeatureUnion>(std::move(parts), weights); });
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

}  // namespace skops::estimators::detail::pipeline
