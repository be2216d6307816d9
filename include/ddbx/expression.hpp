#pragma once
// The expression DSL: attributes, conditions, key conditions, updates, projections and the
// builder that renders them with shared placeholders. Needs no simdjson.
#include "ddbx/version.hpp"
#include "ddbx/expr/append.hpp"
#include "ddbx/expr/attr.hpp"
#include "ddbx/expr/builder.hpp"
#include "ddbx/expr/condition.hpp"
#include "ddbx/expr/context.hpp"
#include "ddbx/expr/key_condition.hpp"
#include "ddbx/expr/projection.hpp"
#include "ddbx/expr/update.hpp"
#include "ddbx/table.hpp"
