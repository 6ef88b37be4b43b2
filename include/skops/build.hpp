#pragma once
/// \file build.hpp
/// Reading an estimator out of the node graph and writing one back: both halves, for
/// builders and writers of custom estimators. Kept for one release (docs/versioning.md);
/// include skops/object_view.hpp or skops/object_writer.hpp directly.

#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
