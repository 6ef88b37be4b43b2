#pragma once
// The builders and writers of sklearn.multiclass's OneVsRestClassifier (one_vs_rest.cpp),
// OneVsOneClassifier (one_vs_one.cpp), OutputCodeClassifier (output_code.cpp) and
// _ConstantPredictor (constant_predictor.cpp), registered in register.cpp.

#include <memory>

#include "skops/estimators/multiclass.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops::estimators::detail::multiclass {

std::unique_ptr<OneVsRestClassifier> build_one_vs_rest(const ObjectView& obj);
void save_one_vs_rest(const OneVsRestClassifier& est, ObjectWriter& w);
// one_vs_one.cpp
std::unique_ptr<OneVsOneClassifier> build_one_vs_one(const ObjectView& obj);
void save_one_vs_one(const OneVsOneClassifier& est, ObjectWriter& w);
// output_code.cpp
std::unique_ptr<OutputCodeClassifier> build_output_code(const ObjectView& obj);
void save_output_code(const OutputCodeClassifier& est, ObjectWriter& w);
// constant_predictor.cpp
std::unique_ptr<ConstantPredictor> build_constant_predictor(const ObjectView& obj);
void save_constant_predictor(const ConstantPredictor& est, ObjectWriter& w);

}  // namespace skops::estimators::detail::multiclass
